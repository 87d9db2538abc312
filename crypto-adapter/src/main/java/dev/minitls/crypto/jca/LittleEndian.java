package dev.minitls.crypto.jca;

import java.math.BigInteger;

/** RFC 7748 and RFC 8032 write field elements little-endian; the JDK's key specs take {@link BigInteger}s. */
final class LittleEndian {

    private LittleEndian() {
    }

    /** The unsigned little-endian integer in {@code bytes}, with bit 255 (the top bit of byte 31) cleared. */
    static BigInteger withoutTopBit(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[bytes.length - 1 - i] = bytes[i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }

    /** Whether bit 255 (the top bit of byte 31) is set. */
    static boolean topBit(byte[] bytes) {
        return (bytes[bytes.length - 1] & 0x80) != 0;
    }
}
