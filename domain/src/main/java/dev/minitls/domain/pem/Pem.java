package dev.minitls.domain.pem;

import dev.minitls.domain.port.CryptoException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PEM text (RFC 7468), pure Java: the armour of certificate and key files and of the v1/v2 Certificate message. The
 * crypto port takes DER; whoever reads a file or the wire takes the armour off here.
 *
 * <p>Reading is strict: the input is US-ASCII, at most {@link #MAX_INPUT_BYTES} bytes, and holds exactly one block
 * with the expected label (one or more for {@link #decodeAll}), with only blank lines around it and no headers
 * inside; the body is standard base64 split into lines of any length. Anything else is a {@link CryptoException} with {@link CryptoException.Kind#MALFORMED}.
 * Writing produces what OpenSSL and Python's {@code cryptography} write: 64-character lines ending in {@code \n}.
 */
public final class Pem {

    /** The largest PEM input accepted; a certificate or key of this project is well under 2 KiB. */
    public static final int MAX_INPUT_BYTES = 64 * 1024;
    /** The label of an X.509 certificate. */
    public static final String CERTIFICATE = "CERTIFICATE";

    private static final int LINE_LENGTH = 64;
    private static final Pattern LABEL = Pattern.compile("[A-Z0-9]+( [A-Z0-9]+)*");
    private static final String DASHES = "-----";
    private static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int MAX_QUOTED = 80;

    private Pem() {
    }

    /** The PEM block for {@code der}, e.g. label {@code CERTIFICATE}; the text ends with a newline. */
    public static String encode(String label, byte[] der) {
        requireLabel(label);
        String body = Base64.getEncoder().encodeToString(der);
        StringBuilder text = new StringBuilder(body.length() + body.length() / LINE_LENGTH + 2 * label.length() + 32);
        text.append(begin(label)).append('\n');
        for (int start = 0; start < body.length(); start += LINE_LENGTH) {
            text.append(body, start, Math.min(body.length(), start + LINE_LENGTH)).append('\n');
        }
        return text.append(end(label)).append('\n').toString();
    }

    /**
     * The DER inside the single {@code label} block of {@code pem}.
     *
     * @throws CryptoException with {@link CryptoException.Kind#MALFORMED} when {@code pem} is not exactly one
     *     well-formed block with that label
     */
    public static byte[] decode(String label, byte[] pem) {
        return blocks(label, pem).decode();
    }

    /**
     * The DER inside each of the 1 to {@code maxBlocks} {@code label} blocks of {@code pem}, in order (a certificate
     * chain file: the leaf, then its issuers), each read as strictly as by {@link #decode}, blank lines between them.
     *
     * @throws CryptoException with {@link CryptoException.Kind#MALFORMED} when {@code pem} is not that
     */
    public static List<byte[]> decodeAll(String label, byte[] pem, int maxBlocks) {
        return blocks(label, pem).decodeAll(maxBlocks);
    }

    private static Block blocks(String label, byte[] pem) {
        requireLabel(label);
        if (pem.length > MAX_INPUT_BYTES) {
            throw malformed(label, "input is " + pem.length + " bytes, more than the " + MAX_INPUT_BYTES + " allowed");
        }
        return new Block(label, ascii(label, pem).lines().toList());
    }

    private static String ascii(String label, byte[] pem) {
        try {
            return StandardCharsets.US_ASCII.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(pem))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed(label, "input is not US-ASCII text");
        }
    }

    private static void requireLabel(String label) {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("not a PEM label: \"" + label + "\"");
        }
    }

    private static String begin(String label) {
        return DASHES + "BEGIN " + label + DASHES;
    }

    private static String end(String label) {
        return DASHES + "END " + label + DASHES;
    }

    /** A line of the input for an error message, cut short so that a hostile input cannot flood a log. */
    private static String quote(String line) {
        return "\"" + (line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED) + "...") + "\"";
    }

    private static CryptoException malformed(String label, String detail) {
        return new CryptoException(CryptoException.Kind.MALFORMED, "PEM " + label + ": " + detail);
    }

    /** One pass over the lines of a PEM text that must hold a single {@code label} block. */
    private static final class Block {

        private final String label;
        private final List<String> lines;
        private int next;

        Block(String label, List<String> lines) {
            this.label = label;
            this.lines = lines.stream().map(String::stripTrailing).toList();
        }

        byte[] decode() {
            byte[] der = nextBlock(true);
            skipBlankLines();
            if (next < lines.size()) {
                throw malformed(label, lines.get(next).startsWith(DASHES + "BEGIN ")
                        ? "more than one PEM block"
                        : "text after the END line");
            }
            return der;
        }

        List<byte[]> decodeAll(int maxBlocks) {
            List<byte[]> blocks = new ArrayList<>();
            do {
                if (blocks.size() == maxBlocks) {
                    throw malformed(label, "more than " + maxBlocks + " PEM blocks");
                }
                blocks.add(nextBlock(blocks.isEmpty()));
                skipBlankLines();
            } while (next < lines.size());
            return blocks;
        }

        /** The next block: blank lines, its BEGIN line, its body and its END line; {@code first}: the file's first. */
        private byte[] nextBlock(boolean first) {
            skipBlankLines();
            if (next == lines.size()) {
                throw malformed(label, "no BEGIN line");
            }
            String line = lines.get(next++);
            if (!line.equals(begin(label))) {
                throw malformed(label, line.startsWith(DASHES + "BEGIN ")
                        ? "found " + quote(line) + " instead of \"" + begin(label) + "\""
                        : first ? "text before the BEGIN line" : "text after the END line");
            }
            return base64(body());
        }

        /** Decodes canonical base64 only: padding present, no stray bits, so each text has exactly one meaning. */
        private byte[] base64(String body) {
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw malformed(label, "the body is not valid base64");
            }
            if (!isCanonical(body, der.length)) {
                throw malformed(label, "the body is not canonical base64 (padding or trailing bits)");
            }
            return der;
        }

        private String body() {
            StringBuilder body = new StringBuilder();
            while (next < lines.size() && !lines.get(next).startsWith(DASHES)) {
                String line = lines.get(next++);
                if (line.isEmpty() || !line.chars().allMatch(Block::isBase64Character)) {
                    throw malformed(label, "line " + next + " is not base64");
                }
                body.append(line);
            }
            if (next == lines.size()) {
                throw malformed(label, "no END line");
            }
            String last = lines.get(next++);
            if (!last.equals(end(label))) {
                throw malformed(label, "found " + quote(last) + " where \"" + end(label) + "\" was expected");
            }
            if (body.length() == 0) {
                throw malformed(label, "the block is empty");
            }
            return body.toString();
        }

        /**
         * What an encoder writes for {@code decodedLength} bytes: padded to a multiple of 4 characters, with no bits
         * set in the last character before the padding that belong to no byte (its low 2 bits before {@code =}, its
         * low 4 bits before {@code ==}).
         */
        private static boolean isCanonical(String body, int decodedLength) {
            if (body.length() % 4 != 0) {
                return false;
            }
            int padding = body.length() / 4 * 3 - decodedLength;
            if (padding == 0) {
                return true;
            }
            int unusedBits = padding == 1 ? 2 : 4;
            return (BASE64_ALPHABET.indexOf(body.charAt(body.length() - padding - 1)) & ((1 << unusedBits) - 1)) == 0;
        }

        /** A character of standard base64 or its padding; anything else makes a line that is not base64. */
        private static boolean isBase64Character(int c) {
            return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=';
        }

        private void skipBlankLines() {
            while (next < lines.size() && lines.get(next).isEmpty()) {
                next++;
            }
        }
    }
}
