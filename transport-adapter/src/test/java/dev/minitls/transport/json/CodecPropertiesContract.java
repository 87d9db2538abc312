package dev.minitls.transport.json;

import static dev.minitls.transport.json.CodecAssertions.assertAsciiLine;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.transport.json.CodecArbitraries.Edited;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What every JSON-lines codec guarantees. Decoding is total: whatever the bytes, the result is a message that
 * encodes and decodes back to itself, or MALFORMED_MESSAGE with a one-line reason; nothing else escapes. And every
 * message survives encode then decode, as one line of printable ASCII. Each version's test supplies the rest.
 */
abstract class CodecPropertiesContract {

    abstract MessageCodec codec();

    /** Every message of this protocol version, with arbitrary contents. */
    abstract Arbitrary<Message> allMessages();

    /** Quoted member names and values of this protocol version, to build JSON-like lines with. */
    abstract String[] words();

    /** How the reason of a failure to decode a frame as {@code expected} starts. */
    abstract String failurePrefix(MessageType expected);

    /** Further checks on a message decoded from an arbitrary frame when {@code expected} was asked for. */
    void assertFits(Message decoded, MessageType expected) {
    }

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
        byte[] frame = codec().encode(message);

        Message decoded = codec().decode(frame, message.type());

        assertThat(decoded).isInstanceOf(message.getClass()).usingRecursiveComparison().isEqualTo(message);
        assertAsciiLine(frame);
    }

    private void assertTotal(byte[] frame, MessageType expected) {
        Message decoded;
        try {
            decoded = codec().decode(frame, expected);
        } catch (ProtocolException e) {
            assertThat(e.failure()).isEqualTo(Failure.MALFORMED_MESSAGE);
            assertThat(e.getMessage()).startsWith(failurePrefix(expected)).doesNotContain("\n", "\r");
            return;
        }
        assertFits(decoded, expected);
        assertThat(codec().decode(codec().encode(decoded), decoded.type())).usingRecursiveComparison()
                .isEqualTo(decoded);
    }

    @Provide
    Arbitrary<byte[]> lines() {
        return CodecArbitraries.lines();
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return CodecArbitraries.jsonLike(words());
    }

    @Provide
    Arbitrary<Edited> editedFrames() {
        return CodecArbitraries.editedFrames(allMessages(), codec());
    }

    @Provide
    Arbitrary<Message> messages() {
        return allMessages();
    }
}
