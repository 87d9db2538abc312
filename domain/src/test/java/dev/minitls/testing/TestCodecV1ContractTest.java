package dev.minitls.testing;

import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.testing.contract.MessageCodecContract;
import java.util.EnumSet;
import java.util.Set;

/** The codec contract, run against the test codec of protocol v1, which has no alerts. */
class TestCodecV1ContractTest extends MessageCodecContract {

    @Override
    protected MessageCodec codec() {
        return TestCodec.V1;
    }

    @Override
    protected Set<MessageType> types() {
        return EnumSet.complementOf(EnumSet.of(MessageType.ALERT));
    }
}
