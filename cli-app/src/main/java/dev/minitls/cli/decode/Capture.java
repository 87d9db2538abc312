package dev.minitls.cli.decode;

import dev.minitls.cli.runtime.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Captured TLS bytes as a user hands them over: hex text (any whitespace, and colons between bytes as Wireshark's
 * "copy as hex" writes them, are skipped) or raw binary. Without {@code --binary} the bytes are taken as hex when
 * they are only hex digits, whitespace and colons, else as binary; {@link #format()} says which it was.
 *
 * @param name where the bytes came from, for messages
 * @param format {@code hex} or {@code binary}
 * @param bytes the captured bytes
 */
public record Capture(String name, String format, byte[] bytes) {

    /**
     * The most a capture may hold: 4 MiB, far more than a handshake and many records, and little enough that the
     * dissection of every byte fits in memory.
     */
    public static final int MAX_BYTES = 4 << 20;

    public Capture {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Reads a whole input, at most {@link #MAX_BYTES} of it, as binary when told or when it is not hex. */
    public static Capture read(String name, InputStream in, boolean binary) {
        byte[] raw;
        try {
            raw = in.readNBytes(2 * MAX_BYTES + 1);
        } catch (IOException e) {
            throw UserError.io("cannot read " + name, e);
        }
        if (binary || !looksLikeHex(raw)) {
            if (raw.length > MAX_BYTES) {
                throw new UserError(name + ": more than " + MAX_BYTES + " bytes; decode reads at most that");
            }
            return new Capture(name, "binary", raw);
        }
        if (raw.length > 2 * MAX_BYTES) {
            throw new UserError(name + ": more than " + MAX_BYTES + " bytes of hex; decode reads at most that");
        }
        return hex(name, new String(raw, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * The bytes that {@code text} writes in hex. A character that is neither a hex digit, whitespace nor a colon,
     * or an odd number of digits, is an error that says where.
     */
    public static Capture hex(String name, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int high = -1;
        int highAt = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ':') {
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0 || c > 0x7F) {
                throw new UserError(name + ": at character " + i + ": " + dev.minitls.domain.error.PeerText.quote(
                        String.valueOf(c)) + " is not a hex digit");
            }
            if (high < 0) {
                high = digit;
                highAt = i;
            } else {
                out.write(high << 4 | digit);
                high = -1;
            }
        }
        if (high >= 0) {
            throw new UserError(name + ": an odd number of hex digits: the digit at character " + highAt
                    + " (byte " + out.size() + ") has no second half");
        }
        return new Capture(name, "hex", out.toByteArray());
    }

    private static boolean looksLikeHex(byte[] raw) {
        for (byte b : raw) {
            boolean hex = b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
            if (!hex && b != ':' && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
