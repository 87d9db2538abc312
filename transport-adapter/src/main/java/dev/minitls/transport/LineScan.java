package dev.minitls.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans of frame bytes that every received and sent byte goes through: where the newline (or a NUL) is, whether
 * everything is ASCII. A record's frame is up to 22,000 bytes, so they look at eight bytes at a time, as one
 * {@code long}, and only go byte by byte over the last few bytes or the word where the answer is.
 */
public final class LineScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private LineScan() {
    }

    /** The index of the first {@code '\n'} in {@code bytes[from, to)}, or -1 when there is none. */
    public static int indexOfNewline(byte[] bytes, int from, int to) {
        return indexOf(bytes, from, to, (byte) '\n');
    }

    /** The index of the first {@code value} in {@code bytes[from, to)}, or -1 when there is none. */
    public static int indexOf(byte[] bytes, int from, int to, byte value) {
        long values = LOW_BITS * (value & 0xff);
        int i = from;
        // Four words per test while they last, then one: fewer branches for the long lines.
        while (i + 4 * Long.BYTES <= to && (zeroBytes(word(bytes, i) ^ values)
                | zeroBytes(word(bytes, i + Long.BYTES) ^ values)
                | zeroBytes(word(bytes, i + 2 * Long.BYTES) ^ values)
                | zeroBytes(word(bytes, i + 3 * Long.BYTES) ^ values)) == 0) {
            i += 4 * Long.BYTES;
        }
        while (i + Long.BYTES <= to && zeroBytes(word(bytes, i) ^ values) == 0) {
            i += Long.BYTES;
        }
        for (; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Whether every byte of {@code bytes[from, to)} is ASCII (below 0x80). */
    public static boolean isAscii(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            if ((word(bytes, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static long word(byte[] bytes, int index) {
        return (long) LONGS.get(bytes, index);
    }

    /**
     * Not zero exactly when one of the eight bytes of {@code word} is zero (the classic test, without false
     * positives: it may mark more bytes than the first zero one, never a word without one).
     */
    private static long zeroBytes(long word) {
        return (word - LOW_BITS) & ~word & HIGH_BITS;
    }
}
