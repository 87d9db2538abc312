package dev.minitls.transport.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Decoding is total: whatever the bytes, the result is a message of the expected type or MALFORMED_MESSAGE. */
class JsonLinesV1CodecPropertiesTest {

    private static final String[] JSON_PIECES = {
        "{", "}", "[", "]", ":", ",", " ", ": ", ", ", "\"", "\\", "\\u", "\\ud800", "\\u00e9", "é", "😀", "\u0000",
        "\t", "\r", "\ufeff", "\"ClientRandom\"", "\"ServerRandom\"", "\"Version\"", "\"EphPubKey\"", "\"Suite\"",
        "\"ServerName\"", "\"Seq\"", "\"Ciphertext\"", "\"00ff\"", "\"ABCD\"", "\"abc\"", "\"X25519\"", "\"\"", "0",
        "1", "-1", "-0", "01", "1.0", "1e3", "9223372036854775808", "99999999999999999999999", "true", "false",
        "null", "NaN", "//", "/*", "'"};

    private final JsonLinesV1Codec codec = new JsonLinesV1Codec();

    @Property(tries = 3000)
    void randomBytesNeverEscapeAsAnythingButMalformed(@ForAll("lines") byte[] frame, @ForAll MessageType expected) {
        assertTotal(frame, expected);
    }

    @Property(tries = 3000)
    void jsonLikeLinesNeverEscapeAsAnythingButMalformed(@ForAll("jsonLike") String text,
            @ForAll MessageType expected) {
        assertTotal((text + "\n").getBytes(UTF_8), expected);
    }

    @Property(tries = 3000)
    void editedValidFramesNeverEscapeAsAnythingButMalformed(@ForAll("editedFrames") Edited edited) {
        assertTotal(edited.frame(), edited.type());
    }

    @Property(tries = 500)
    void everyMessageSurvivesEncodeThenDecodeAndEncodesToAscii(@ForAll("messages") Message message) {
        byte[] frame = codec.encode(message);

        Message decoded = codec.decode(frame, message.type());

        assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
        for (int i = 0; i < frame.length - 1; i++) {
            assertThat(frame[i]).as("byte %d of %s", i, new String(frame, UTF_8)).isBetween((byte) 0x20, (byte) 0x7e);
        }
        assertThat(frame[frame.length - 1]).isEqualTo((byte) '\n');
    }

    private void assertTotal(byte[] frame, MessageType expected) {
        try {
            assertThat(codec.decode(frame, expected).type()).isEqualTo(expected);
        } catch (ProtocolException e) {
            assertThat(e.failure()).isEqualTo(Failure.MALFORMED_MESSAGE);
            assertThat(e.getMessage()).startsWith("malformed message: " + expected.wireName() + ": ")
                    .doesNotContain("\n", "\r");
        }
    }

    @Provide
    Arbitrary<byte[]> lines() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(bytes -> {
            byte[] line = Arrays.copyOf(bytes, bytes.length + 1);
            line[bytes.length] = '\n';
            return line;
        });
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.of(JSON_PIECES).list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<Edited> editedFrames() {
        Arbitrary<byte[]> frames = messages().map(codec::encode);
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Byte> values = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of((byte) '"', (byte) '{', (byte) '}', (byte) ',', (byte) ':', (byte) '\\', (byte) ' ',
                        (byte) '1', (byte) 'A', (byte) '\n'));
        Arbitrary<Edit> edits = Arbitraries.of(Edit.class);
        return Combinators.combine(messages(), positions, values, edits).as((message, position, value, edit) -> {
            byte[] frame = codec.encode(message);
            return new Edited(edit.apply(frame, position % frame.length, value), message.type());
        });
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(20);
        Arbitrary<Integer> versions = Arbitraries.integers();
        return Arbitraries.oneOf(
                Combinators.combine(bytes, versions, bytes, text, text).as(ClientHello::new),
                Combinators.combine(bytes, versions, bytes, text).as(ServerHello::new),
                bytes.map(CertificateMessage::new),
                bytes.map(CertificateVerify::new),
                bytes.map(Finished::new),
                Combinators.combine(Arbitraries.longs().greaterOrEqual(0), bytes).as(ApplicationRecord::new));
    }

    /** A frame that was valid for {@code type} before one byte was changed, inserted or removed. */
    record Edited(byte[] frame, MessageType type) {
    }

    enum Edit {
        REPLACE, INSERT, DELETE;

        byte[] apply(byte[] frame, int at, byte value) {
            byte[] out;
            switch (this) {
                case REPLACE -> {
                    out = frame.clone();
                    out[at] = value;
                }
                case INSERT -> {
                    out = new byte[frame.length + 1];
                    System.arraycopy(frame, 0, out, 0, at);
                    out[at] = value;
                    System.arraycopy(frame, at, out, at + 1, frame.length - at);
                }
                default -> {
                    out = new byte[frame.length - 1];
                    System.arraycopy(frame, 0, out, 0, at);
                    System.arraycopy(frame, at + 1, out, at, frame.length - at - 1);
                }
            }
            return out;
        }
    }
}
