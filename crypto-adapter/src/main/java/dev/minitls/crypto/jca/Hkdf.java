package dev.minitls.crypto.jca;

import dev.minitls.domain.port.CryptoException;

import javax.crypto.Mac;

/** HKDF with SHA-256 (RFC 5869), which JDK 17 does not offer, built on the JDK's HMAC. */
final class Hkdf {

    /** RFC 5869, section 2.3: L &lt;= 255 * HashLen. */
    static final int MAX_LENGTH = 255 * HmacSha256.LENGTH;

    private Hkdf() {
    }

    /** PRK = HMAC-Hash(salt, IKM); an empty salt is HashLen zeros, which HMAC treats exactly like no key. */
    static byte[] extract(byte[] salt, byte[] ikm) {
        return HmacSha256.keyed(salt).doFinal(ikm);
    }

    /** OKM = the first {@code length} bytes of T(1) | T(2) | ..., T(i) = HMAC-Hash(PRK, T(i-1) | info | i). */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    "HKDF-Expand length must be 0 to " + MAX_LENGTH + " bytes, got " + length);
        }
        Mac mac = HmacSha256.keyed(prk);
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        for (int done = 0, counter = 1; done < length; done += block.length, counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            block = mac.doFinal();
            System.arraycopy(block, 0, okm, done, Math.min(block.length, length - done));
        }
        return okm;
    }
}
