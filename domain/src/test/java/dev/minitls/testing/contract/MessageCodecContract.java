package dev.minitls.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link MessageCodec} does, checked the same way for each: every message of its protocol survives
 * encode then decode and encodes to the same frame again; a message its protocol does not have is not encoded; and
 * decoding whatever bytes either gives a message or fails with {@code MALFORMED_MESSAGE} and a one-line reason,
 * never anything else.
 *
 * <p>An implementation's test extends this class and only says how to make the codec and which message types its
 * protocol has.
 */
@ExtendWith(ContractReport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MessageCodecContract {

    private static final long SEED = 20261204L;

    /** The codec under test. */
    protected abstract MessageCodec codec();

    /** The message types its protocol has. */
    protected abstract Set<MessageType> types();

    /** A message of {@code type} with every field set, as the handshakes send them. */
    public static Message sample(MessageType type) {
        return switch (type) {
            case CLIENT_HELLO -> new ClientHello(filled(32, 0x11), 2, filled(32, 0x22), "X25519_AES256GCM_SHA256",
                    "example-server");
            case SERVER_HELLO -> new ServerHello(filled(32, 0x33), 2, filled(32, 0x44), "X25519_AES256GCM_SHA256");
            case CERTIFICATE -> new CertificateMessage(
                    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII));
            case CERTIFICATE_VERIFY -> new CertificateVerify(filled(64, 0x55));
            case FINISHED -> new Finished(filled(32, 0x66));
            case APPLICATION_RECORD -> new ApplicationRecord(7, filled(40, 0x77));
            case ALERT -> new AlertMessage(Alert.BAD_RECORD_MAC);
        };
    }

    Stream<MessageType> ownTypes() {
        return types().stream().sorted();
    }

    Stream<MessageType> missingTypes() {
        return EnumSet.complementOf(EnumSet.copyOf(types())).stream();
    }

    @ParameterizedTest
    @MethodSource("ownTypes")
    void everyMessageSurvivesEncodeThenDecodeAndEncodesToTheSameFrame(MessageType type) {
        Message message = sample(type);
        byte[] frame = codec().encode(message);

        Message decoded = codec().decode(frame, type);

        assertThat(decoded).isInstanceOf(message.getClass()).usingRecursiveComparison().isEqualTo(message);
        assertThat(codec().encode(decoded)).as("the same frame again").isEqualTo(frame);
    }

    @ParameterizedTest(allowZeroInvocations = true)
    @MethodSource("missingTypes")
    void aMessageTheProtocolDoesNotHaveIsNotEncoded(MessageType type) {
        assertThatIllegalArgumentException().isThrownBy(() -> codec().encode(sample(type)));
    }

    @ParameterizedTest
    @MethodSource("ownTypes")
    void aFrameCutShortIsMalformed(MessageType type) {
        byte[] frame = codec().encode(sample(type));

        for (int length : new int[] {0, 1, frame.length / 2, frame.length - 2, frame.length - 1}) {
            assertMalformed(Arrays.copyOf(frame, length), type);
        }
    }

    @ParameterizedTest
    @MethodSource("ownTypes")
    void bytesAfterTheFrameAreMalformed(MessageType type) {
        byte[] frame = codec().encode(sample(type));

        assertMalformed(concat(frame, frame), type);
        assertMalformed(concat(frame, "x\n".getBytes(StandardCharsets.US_ASCII)), type);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void framesThatAreNoMessageAreMalformed(MessageType expected) {
        for (String text : new String[] {"\n", " \n", "{}\n", "[]\n", "null\n", "hello\n", "\u0000\n",
            "{\"type\":\"ClientHello\"\n", "\ud83d\ude00\n"}) {
            assertMalformed(text.getBytes(StandardCharsets.UTF_8), expected);
        }
        assertMalformed(new byte[] {(byte) 0xff, (byte) 0xfe, '\n'}, expected);
    }

    /** Arbitrary bytes, and valid frames with one byte changed: a message that round-trips, or malformed. */
    @Test
    void arbitraryBytesDecodeToAMessageOrAreMalformedNeverAnythingElse() {
        Random random = new Random(SEED);
        byte[][] frames = types().stream().map(t -> codec().encode(sample(t))).toArray(byte[][]::new);
        MessageType[] types = MessageType.values();
        for (int i = 0; i < 2000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(120)];
                random.nextBytes(input);
            } else {
                input = frames[random.nextInt(frames.length)].clone();
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            assertDecodesOrIsMalformed(input, types[random.nextInt(types.length)]);
        }
    }

    private void assertDecodesOrIsMalformed(byte[] frame, MessageType expected) {
        Message decoded;
        try {
            decoded = codec().decode(frame, expected);
        } catch (ProtocolException e) {
            assertThat(e.failure()).as("failure decoding %s", Arrays.toString(frame))
                    .isEqualTo(Failure.MALFORMED_MESSAGE);
            assertThat(e.getMessage()).doesNotContain("\n", "\r");
            return;
        }
        assertThat(codec().decode(codec().encode(decoded), decoded.type())).usingRecursiveComparison()
                .isEqualTo(decoded);
    }

    private void assertMalformed(byte[] frame, MessageType expected) {
        assertThatExceptionOfType(ProtocolException.class)
                .as("decoding %s as %s", new String(frame, StandardCharsets.UTF_8).strip(), expected)
                .isThrownBy(() -> codec().decode(frame, expected))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(Failure.MALFORMED_MESSAGE);
                    assertThat(e.getMessage()).doesNotContain("\n", "\r");
                });
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
