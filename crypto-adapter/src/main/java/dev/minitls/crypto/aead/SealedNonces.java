package dev.minitls.crypto.aead;

import dev.minitls.domain.port.CryptoException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nonces one AEAD key has sealed with, so that sealing twice under the same key and nonce is a hard failure
 * (with GCM a repeated nonce gives away the XOR of the two plaintexts and lets anyone forge tags under the key).
 *
 * <p>Nonces are remembered as ranges of their offset from the first one (nonce XOR first nonce, a 96-bit number).
 * A record layer's nonces are IV XOR 0, 1, 2, ..., whose offsets are 0, 1, 2, ...: one range however many records
 * it seals, so the memory stays constant. Any other order costs one range per gap. Thread-safe.
 */
public final class SealedNonces {

    private final String algorithm;
    private final int nonceLength;
    private final TreeMap<Offset, Offset> ranges = new TreeMap<>();
    private byte[] first;

    /**
     * @param algorithm the AEAD's name, for messages
     * @param nonceLength the length every nonce has (12 bytes or less)
     */
    public SealedNonces(String algorithm, int nonceLength) {
        if (nonceLength > Offset.BYTES) {
            throw new IllegalArgumentException("nonces of " + nonceLength + " bytes are longer than " + Offset.BYTES);
        }
        this.algorithm = algorithm;
        this.nonceLength = nonceLength;
    }

    /**
     * Records that {@code nonce} is about to seal.
     *
     * @throws CryptoException with {@link CryptoException.Kind#INVALID_ARGUMENT} when the nonce has the wrong
     *     length, and with {@link CryptoException.Kind#NONCE_REUSED} when this key already sealed with it
     */
    public synchronized void claim(byte[] nonce) {
        requireLength(nonce);
        if (first == null) {
            first = nonce.clone();
        }
        Offset offset = Offset.between(first, nonce);
        Map.Entry<Offset, Offset> below = ranges.floorEntry(offset);
        if (below != null && below.getValue().compareTo(offset) >= 0) {
            throw new CryptoException(CryptoException.Kind.NONCE_REUSED,
                    algorithm + " refuses to seal twice under one key with the same nonce");
        }
        Offset start = offset;
        Offset end = offset;
        if (below != null && below.getValue().next().equals(offset)) {
            start = below.getKey();
        }
        Map.Entry<Offset, Offset> above = ranges.higherEntry(offset);
        if (above != null && offset.next().equals(above.getKey())) {
            end = above.getValue();
            ranges.remove(above.getKey());
        }
        ranges.put(start, end);
    }

    /**
     * @throws CryptoException with {@link CryptoException.Kind#INVALID_ARGUMENT} when the nonce has the wrong length
     */
    public void requireLength(byte[] nonce) {
        if (nonce.length != nonceLength) {
            throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    algorithm + " nonce must be " + nonceLength + " bytes, got " + nonce.length);
        }
    }

    /** How many ranges are remembered: one for nonces sealed in sequence. */
    synchronized int ranges() {
        return ranges.size();
    }

    /** A 96-bit unsigned number: the high 32 bits and the low 64. */
    private record Offset(int high, long low) implements Comparable<Offset> {

        static final int BYTES = 12;

        /** {@code first XOR nonce} read as a big-endian number (nonces shorter than 12 bytes: zeros in front). */
        static Offset between(byte[] first, byte[] nonce) {
            int high = 0;
            long low = 0;
            for (int i = 0; i < nonce.length; i++) {
                int value = (first[i] ^ nonce[i]) & 0xff;
                if (BYTES - nonce.length + i < 4) {
                    high = high << 8 | value;
                } else {
                    low = low << 8 | value;
                }
            }
            return new Offset(high, low);
        }

        /** The next number, wrapping to zero after the largest (zero is the first nonce, always claimed). */
        Offset next() {
            return low == -1L ? new Offset(high + 1, 0) : new Offset(high, low + 1);
        }

        @Override
        public int compareTo(Offset other) {
            int order = Integer.compareUnsigned(high, other.high);
            return order != 0 ? order : Long.compareUnsigned(low, other.low);
        }
    }
}
