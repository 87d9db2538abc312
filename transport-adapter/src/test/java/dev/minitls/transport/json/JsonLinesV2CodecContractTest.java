package dev.minitls.transport.json;

import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.testing.contract.MessageCodecContract;
import java.util.EnumSet;
import java.util.Set;

/** The codec contract, run against the JSON-lines codec of protocol v2. */
class JsonLinesV2CodecContractTest extends MessageCodecContract {

    @Override
    protected MessageCodec codec() {
        return new JsonLinesV2Codec();
    }

    @Override
    protected Set<MessageType> types() {
        return EnumSet.allOf(MessageType.class);
    }
}
