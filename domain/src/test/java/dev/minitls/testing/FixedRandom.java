package dev.minitls.testing;

import dev.minitls.domain.port.RandomSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Pinned randomness: hands out the given values in order, each exactly once, and fails when they run out. */
public final class FixedRandom implements RandomSource {

    private final Deque<byte[]> values;

    public FixedRandom(byte[]... values) {
        this.values = new ArrayDeque<>(List.of(values));
    }

    @Override
    public synchronized byte[] nextBytes(int length) {
        refuseNegative(length);
        byte[] next = values.poll();
        if (next == null) {
            throw new IllegalStateException("FixedRandom has no more values");
        }
        if (next.length != length) {
            throw new IllegalStateException("FixedRandom: next value has " + next.length + " bytes, "
                    + length + " were asked for");
        }
        return next.clone();
    }

    /** A counter-based source for tests that need many distinct but reproducible values. */
    public static RandomSource counting() {
        int[] counter = {0};
        return length -> {
            refuseNegative(length);
            byte[] bytes = new byte[length];
            synchronized (counter) {
                int c = ++counter[0];
                for (int i = 0; i < length; i++) {
                    bytes[i] = (byte) (c * 31 + i * 7);
                }
            }
            return bytes;
        };
    }

    private static void refuseNegative(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("cannot draw a negative number of random bytes: " + length);
        }
    }
}
