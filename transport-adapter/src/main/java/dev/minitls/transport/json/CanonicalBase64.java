package dev.minitls.transport.json;

import java.util.function.IntUnaryOperator;

/**
 * What makes standard base64 canonical beyond what the JDK's decoder checks: the decoder accepts bits set after
 * the last byte (in the character before the padding), which an encoder never writes, so two texts could carry one
 * value. Shared by the generic reader and {@link RecordFrames}.
 */
final class CanonicalBase64 {

    private CanonicalBase64() {
    }

    /**
     * Whether a text the decoder accepted, {@code textLength} characters (a multiple of 4) that it turned into
     * {@code decodedLength} bytes, has bits after its last byte: in the character before the padding, its low 2 bits
     * before {@code =}, its low 4 bits before {@code ==}. {@code charAt} reads the text's characters.
     */
    static boolean hasBitsAfterTheLastByte(int textLength, int decodedLength, IntUnaryOperator charAt) {
        int padding = textLength / 4 * 3 - decodedLength;
        if (padding == 0) {
            return false;
        }
        int unusedBits = padding == 1 ? 2 : 4;
        return (value(charAt.applyAsInt(textLength - padding - 1)) & ((1 << unusedBits) - 1)) != 0;
    }

    /** The 6-bit value of a standard base64 character, -1 for any other character. */
    static int value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
}
