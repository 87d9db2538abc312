package dev.minitls.testing;

import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.testing.contract.MessageCodecContract;
import java.util.EnumSet;
import java.util.Set;

/** The codec contract, run against the test codec of protocol v2. */
class TestCodecV2ContractTest extends MessageCodecContract {

    @Override
    protected MessageCodec codec() {
        return TestCodec.V2;
    }

    @Override
    protected Set<MessageType> types() {
        return EnumSet.allOf(MessageType.class);
    }
}
