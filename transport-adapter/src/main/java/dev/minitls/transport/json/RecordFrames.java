package dev.minitls.transport.json;

import dev.minitls.domain.message.ApplicationRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The frame of an application record in its one canonical form, written and read straight as bytes:
 * {@code {"<seq>": N, "<ciphertext>": "TEXT"}} with Python's separators, after any fixed members, and nothing else.
 * Records are most of what a session carries and their text is up to 22,000 characters of hex or base64; the
 * generic JSON writer and reader would copy and inspect it character by character, several times.
 *
 * <p>Writing gives exactly the bytes the generic writer gives (the codec tests hold both versions to literal
 * frames). Reading takes only a frame that is byte for byte what {@link #frame} writes, and only when its text
 * decodes canonically; it answers empty for anything else, which the generic reader then accepts or refuses with
 * its precise reason. So whatever this reads, the generic reader would have read to the same record. Immutable and
 * thread-safe.
 */
final class RecordFrames {

    private static final byte[] END = "\"}\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SEQUENCE_DIGITS = String.valueOf(Long.MAX_VALUE).length();

    /** How the ciphertext is written as text. */
    enum Text {
        /** Lowercase hex, as protocol v1 writes it. */
        HEX {
            @Override
            byte[] encode(byte[] bytes) {
                byte[] text = new byte[2 * bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    text[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
                    text[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
                }
                return text;
            }

            @Override
            Optional<byte[]> decode(byte[] frame, int from, int to) {
                if ((to - from) % 2 != 0) {
                    return Optional.empty();
                }
                byte[] bytes = new byte[(to - from) / 2];
                // A table and one check at the end: a branch per digit, digit or letter at random, was mispredicted
                // so often that it took most of a v1 record's time.
                int invalid = 0;
                for (int i = 0; i < bytes.length; i++) {
                    int high = LOWERCASE_HEX_VALUES[frame[from + 2 * i] & 0xff];
                    int low = LOWERCASE_HEX_VALUES[frame[from + 2 * i + 1] & 0xff];
                    invalid |= high | low;
                    bytes[i] = (byte) (high << 4 | low);
                }
                return invalid < 0 ? Optional.empty() : Optional.of(bytes);
            }
        },
        /** Standard padded base64, as protocol v2 writes it. */
        BASE64 {
            @Override
            byte[] encode(byte[] bytes) {
                return Base64.getEncoder().encode(bytes);
            }

            @Override
            Optional<byte[]> decode(byte[] frame, int from, int to) {
                if ((to - from) % 4 != 0) {
                    return Optional.empty(); // the decoder would take it without its padding
                }
                byte[] text = Arrays.copyOfRange(frame, from, to);
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException notBase64) {
                    return Optional.empty();
                }
                return CanonicalBase64.hasBitsAfterTheLastByte(text.length, bytes.length, i -> text[i])
                        ? Optional.empty() : Optional.of(bytes);
            }
        };

        private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        /** The value of each lowercase hex digit by its byte, -1 for every other byte. */
        private static final byte[] LOWERCASE_HEX_VALUES = new byte[256];

        static {
            Arrays.fill(LOWERCASE_HEX_VALUES, (byte) -1);
            for (int value = 0; value < HEX_DIGITS.length; value++) {
                LOWERCASE_HEX_VALUES[HEX_DIGITS[value]] = (byte) value;
            }
        }

        abstract byte[] encode(byte[] bytes);

        /** The bytes of {@code frame[from, to)} when it is this text in canonical form, else empty. */
        abstract Optional<byte[]> decode(byte[] frame, int from, int to);
    }

    private final String sequenceName;
    private final String beforeSequence;
    private final String afterSequence;
    private final byte[] beforeSequenceBytes;
    private final byte[] afterSequenceBytes;
    private final Text text;

    /**
     * @param leadingMembers the members before the sequence number, written out with their separators (e.g.
     *     {@code "type": "Record", }), or empty
     * @param sequenceName the sequence number's member name
     * @param ciphertextName the ciphertext's member name
     * @param text how the ciphertext is written
     */
    RecordFrames(String leadingMembers, String sequenceName, String ciphertextName, Text text) {
        this.sequenceName = sequenceName;
        this.beforeSequence = "{" + leadingMembers + "\"" + sequenceName + "\": ";
        this.afterSequence = ", \"" + ciphertextName + "\": \"";
        this.beforeSequenceBytes = beforeSequence.getBytes(StandardCharsets.US_ASCII);
        this.afterSequenceBytes = afterSequence.getBytes(StandardCharsets.US_ASCII);
        this.text = text;
    }

    /**
     * The frame of {@code record}, newline included.
     *
     * @throws IllegalArgumentException for a negative sequence number, which no decoder would accept back
     */
    byte[] frame(ApplicationRecord record) {
        if (record.sequence() < 0) {
            throw new IllegalArgumentException(sequenceName + " must not be negative, got " + record.sequence());
        }
        byte[] head = (beforeSequence + record.sequence() + afterSequence).getBytes(StandardCharsets.US_ASCII);
        byte[] ciphertext = text.encode(record.ciphertext());
        byte[] frame = new byte[head.length + ciphertext.length + END.length];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(ciphertext, 0, frame, head.length, ciphertext.length);
        System.arraycopy(END, 0, frame, head.length + ciphertext.length, END.length);
        return frame;
    }

    /** The record when {@code frame} is exactly what {@link #frame} writes for it; empty for any other frame. */
    Optional<ApplicationRecord> read(byte[] frame) {
        int at = beforeSequenceBytes.length;
        if (!startsWith(frame, 0, beforeSequenceBytes)) {
            return Optional.empty();
        }
        int digitsEnd = at;
        while (digitsEnd < frame.length && frame[digitsEnd] >= '0' && frame[digitsEnd] <= '9') {
            digitsEnd++;
        }
        int digits = digitsEnd - at;
        boolean canonical = digits == 1 || digits > 1 && frame[at] != '0';
        if (!canonical || digits > MAX_SEQUENCE_DIGITS || !startsWith(frame, digitsEnd, afterSequenceBytes)) {
            return Optional.empty();
        }
        long sequence = 0;
        for (int i = at; i < digitsEnd; i++) {
            sequence = 10 * sequence + (frame[i] - '0');
            if (sequence < 0) {
                return Optional.empty(); // past Long.MAX_VALUE: the generic reader names that
            }
        }
        int textStart = digitsEnd + afterSequenceBytes.length;
        int textEnd = frame.length - END.length;
        if (textEnd < textStart || !startsWith(frame, textEnd, END)) {
            return Optional.empty();
        }
        long seq = sequence;
        return text.decode(frame, textStart, textEnd).map(ciphertext -> new ApplicationRecord(seq, ciphertext));
    }

    private static boolean startsWith(byte[] frame, int at, byte[] expected) {
        return frame.length - at >= expected.length
                && Arrays.equals(frame, at, at + expected.length, expected, 0, expected.length);
    }
}
