package dev.minitls.domain;

import java.util.HexFormat;

/** Small byte-array helpers the protocol needs. */
public final class Bytes {

    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {
    }

    /**
     * Compares two arrays in time that depends only on their lengths, never on where they differ, so that a MAC
     * check leaks nothing about how much of a forged MAC was right.
     */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < a.length; i++) {
            difference |= a[i] ^ b[i];
        }
        return difference == 0;
    }

    /** True when every byte is zero. Runs over the whole array whatever it holds. */
    public static boolean isAllZero(byte[] bytes) {
        int bits = 0;
        for (byte b : bytes) {
            bits |= b;
        }
        return bits == 0;
    }

    /** Lowercase hex. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The first {@code n} bytes as hex followed by an ellipsis, for display of long values. */
    public static String shortHex(byte[] bytes, int n) {
        if (bytes.length <= n) {
            return hex(bytes);
        }
        return HEX.formatHex(bytes, 0, n) + "…";
    }
}
