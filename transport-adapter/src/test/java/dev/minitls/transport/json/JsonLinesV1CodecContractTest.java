package dev.minitls.transport.json;

import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.testing.contract.MessageCodecContract;
import java.util.EnumSet;
import java.util.Set;

/** The codec contract, run against the JSON-lines codec of protocol v1, which has no alerts. */
class JsonLinesV1CodecContractTest extends MessageCodecContract {

    @Override
    protected MessageCodec codec() {
        return new JsonLinesV1Codec();
    }

    @Override
    protected Set<MessageType> types() {
        return EnumSet.complementOf(EnumSet.of(MessageType.ALERT));
    }
}
