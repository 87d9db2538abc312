package dev.minitls.crypto.keys;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** RSASSA-PKCS1-v1_5's encoding (RFC 8017, section 9.2), compared whole rather than parsed. */
public final class RsaPadding {

    /** DigestInfo's prefix for SHA-256, with the NULL parameters (RFC 8017, section 9.2, note 1). */
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    private RsaPadding() {
    }

    /**
     * Whether {@code encoded} (the signature raised to e, as long as the modulus) is
     * {@code 00 01 ff..ff 00 DigestInfo(SHA-256, hash)}: the one encoding, so no BER DigestInfo, missing NULL or
     * garbage in the padding passes. Compared in constant time.
     */
    public static boolean isPkcs1Sha256(byte[] encoded, byte[] hash) {
        int tail = SHA256_DIGEST_INFO.length + hash.length;
        if (encoded.length < tail + 11) {
            return false;
        }
        byte[] expected = new byte[encoded.length];
        expected[1] = 1;
        Arrays.fill(expected, 2, encoded.length - tail - 1, (byte) 0xff);
        System.arraycopy(SHA256_DIGEST_INFO, 0, expected, encoded.length - tail, SHA256_DIGEST_INFO.length);
        System.arraycopy(hash, 0, expected, encoded.length - hash.length, hash.length);
        return MessageDigest.isEqual(expected, encoded);
    }
}
