package dev.minitls.domain.record;

import dev.minitls.domain.port.Aead;

/**
 * Per-record nonces: the 12-byte IV XOR the sequence number as a 12-byte big-endian integer (as TLS 1.3). Public
 * for the TLS 1.3 record protection of the transport adapter, which computes its nonces the same way.
 */
public final class Nonces {

    private Nonces() {
    }

    public static byte[] forSequence(byte[] iv, long sequence) {
        if (iv.length != Aead.NONCE_LENGTH) {
            throw new IllegalArgumentException("IV must be " + Aead.NONCE_LENGTH + " bytes, got " + iv.length);
        }
        byte[] nonce = iv.clone();
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        return nonce;
    }
}
