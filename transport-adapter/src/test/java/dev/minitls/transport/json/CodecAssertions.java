package dev.minitls.transport.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.port.MessageCodec;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions and frame builders the tests of both codecs share. */
final class CodecAssertions {

    private CodecAssertions() {
    }

    /** Readable diff first, then the exact bytes. */
    static void assertEncodesTo(byte[] encoded, String line) {
        assertThat(new String(encoded, UTF_8)).isEqualTo(line);
        assertThat(encoded).isEqualTo(line.getBytes(UTF_8));
    }

    /** Decoding the frame {@code codec} writes for {@code message} gives it back, and it encodes the same again. */
    static void assertRoundTrip(MessageCodec codec, Message message) {
        byte[] frame = codec.encode(message);

        Message decoded = codec.decode(frame, message.type());

        assertThat(decoded).isInstanceOf(message.getClass()).usingRecursiveComparison().isEqualTo(message);
        assertThat(codec.encode(decoded)).isEqualTo(frame);
    }

    /** Every byte printable ASCII, and the newline last. */
    static void assertAsciiLine(byte[] frame) {
        for (int i = 0; i < frame.length - 1; i++) {
            assertThat(frame[i]).as("byte %d of %s", i, new String(frame, UTF_8)).isBetween((byte) 0x20, (byte) 0x7e);
        }
        assertThat(frame[frame.length - 1]).isEqualTo((byte) '\n');
    }

    /** Decoding fails with MALFORMED_MESSAGE and exactly this detail. */
    static void assertMalformed(ThrowingCallable decoding, String detail) {
        assertMalformed(decoding).hasMessage("malformed message: " + detail);
    }

    /** Decoding fails with MALFORMED_MESSAGE. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertMalformed(ThrowingCallable decoding) {
        return assertThatThrownBy(decoding).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.MALFORMED_MESSAGE));
    }

    /** Decoding fails as not valid JSON, in {@code context}, with Jackson's reason kept on one printable line. */
    static void assertNotValidJson(ThrowingCallable decoding, String context) {
        assertMalformed(decoding).satisfies(e -> assertThat(e.getMessage())
                .startsWith("malformed message: " + context + ": not valid JSON: ")
                .doesNotContain("\n", "\r", "\t", "\u0001", "\u0085", "\u2028"));
    }

    /** {@code text} and a newline, as UTF-8. */
    static byte[] line(String text) {
        return bytes(text + "\n");
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** {@code length} bytes of {@code value}. */
    static byte[] bytes(int value, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
