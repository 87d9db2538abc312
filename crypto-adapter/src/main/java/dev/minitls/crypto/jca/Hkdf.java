package dev.minitls.crypto.jca;

import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.HashAlgorithm;

import javax.crypto.Mac;

/** HKDF (RFC 5869), which JDK 17 does not offer, built on the JDK's HMAC. */
final class Hkdf {

    private Hkdf() {
    }

    /** PRK = HMAC-Hash(salt, IKM); an empty salt is HashLen zeros, which HMAC treats exactly like no key. */
    static byte[] extract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
        return Hmac.keyed(algorithm, salt).doFinal(ikm);
    }

    /**
     * OKM = the first {@code length} bytes of T(1) | T(2) | ..., T(i) = HMAC-Hash(PRK, T(i-1) | info | i);
     * RFC 5869, section 2.3: L &lt;= 255 * HashLen.
     */
    static byte[] expand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
        if (length < 0 || length > algorithm.maxHkdfLength()) {
            throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    "HKDF-Expand length must be 0 to " + algorithm.maxHkdfLength() + " bytes, got " + length);
        }
        Mac mac = Hmac.keyed(algorithm, prk);
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
