package dev.minitls.domain.record;

import dev.minitls.domain.port.Aead;

/** Per-record nonces: the 12-byte IV XOR the sequence number as a 12-byte big-endian integer (as TLS 1.3). */
final class Nonces {

    private Nonces() {
    }

    static byte[] forSequence(byte[] iv, long sequence) {
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
