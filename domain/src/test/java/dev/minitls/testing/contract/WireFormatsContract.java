package dev.minitls.testing.contract;

import static dev.minitls.testing.contract.MessageCodecContract.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.port.WireFormats;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every pair of {@link WireFormats} does: neither version's codec takes a frame of the other for a message,
 * whichever type it is asked for, so that a server tells v1 and v2 clients apart and nothing is read across versions.
 *
 * <p>An implementation's test extends this class and only says how to make the formats.
 */
@ExtendWith(ContractReport.class)
public abstract class WireFormatsContract {

    /** The formats under test. */
    protected abstract WireFormats formats();

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = "ALERT", mode = EnumSource.Mode.EXCLUDE)
    void noV1FrameIsAV2Frame(MessageType type) {
        byte[] v1Frame = formats().v1().encode(sample(type));

        assertRefusedAsAnyType(formats().v2(), v1Frame);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void noV2FrameIsAV1Frame(MessageType type) {
        byte[] v2Frame = formats().v2().encode(sample(type));

        assertRefusedAsAnyType(formats().v1(), v2Frame);
    }

    private static void assertRefusedAsAnyType(MessageCodec codec, byte[] frame) {
        for (MessageType expected : MessageType.values()) {
            assertThatExceptionOfType(ProtocolException.class).as("read as %s", expected)
                    .isThrownBy(() -> codec.decode(frame, expected))
                    .satisfies(e -> assertThat(e.failure()).isEqualTo(Failure.MALFORMED_MESSAGE));
        }
    }
}
