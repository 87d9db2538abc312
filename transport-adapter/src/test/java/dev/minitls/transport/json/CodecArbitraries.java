package dev.minitls.transport.json;

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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Inputs for the codecs' properties: random lines, JSON-like lines, messages, and valid frames with one edit. */
final class CodecArbitraries {

    /** JSON syntax, hostile characters and numbers that sit at the codecs' limits. */
    private static final List<String> JSON_PIECES = List.of(
        "{", "}", "[", "]", ":", ",", " ", ": ", ", ", "\"", "\\", "\\u", "\\ud800", "\\u00e9", "é", "😀", "\u0000",
        "\t", "\r", "\ufeff", "\"00ff\"", "\"ABCD\"", "\"abc\"", "\"AA==\"", "\"AB==\"", "\"\"", "0", "1", "2", "-1",
        "-0", "01", "1.0", "1e3", "9223372036854775808", "99999999999999999999999", "true", "false", "null", "NaN",
        "//", "/*", "'");

    private CodecArbitraries() {
    }

    /** Any bytes, ending with a newline as every frame the transport hands over does. */
    static Arbitrary<byte[]> lines() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(bytes -> {
            byte[] line = Arrays.copyOf(bytes, bytes.length + 1);
            line[bytes.length] = '\n';
            return line;
        });
    }

    /** Lines made of JSON pieces and of {@code words}, the quoted names and values of one protocol version. */
    static Arbitrary<String> jsonLike(String... words) {
        List<String> pieces = Stream.concat(JSON_PIECES.stream(), Arrays.stream(words)).toList();
        return Arbitraries.of(pieces).list().ofMaxSize(40).map(chosen -> String.join("", chosen));
    }

    /** Every message protocol v1 has, with arbitrary contents. */
    static Arbitrary<Message> v1Messages() {
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

    /** Every message protocol v2 has: v1's and alerts. */
    static Arbitrary<Message> v2Messages() {
        return Arbitraries.oneOf(v1Messages(), Arbitraries.of(V2FrameReader.ALERTS).map(AlertMessage::new));
    }

    /** Frames {@code codec} wrote for {@code messages}, each with one byte replaced, inserted or removed. */
    static Arbitrary<Edited> editedFrames(Arbitrary<Message> messages, MessageCodec codec) {
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Byte> values = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of((byte) '"', (byte) '{', (byte) '}', (byte) ',', (byte) ':', (byte) '\\', (byte) ' ',
                        (byte) '1', (byte) 'A', (byte) '=', (byte) '\n'));
        Arbitrary<Edit> edits = Arbitraries.of(Edit.class);
        return Combinators.combine(messages, positions, values, edits).as((message, position, value, edit) -> {
            byte[] frame = codec.encode(message);
            return new Edited(edit.apply(frame, position % frame.length, value), message.type());
        });
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
