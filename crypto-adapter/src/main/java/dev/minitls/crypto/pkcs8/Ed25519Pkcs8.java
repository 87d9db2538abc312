package dev.minitls.crypto.pkcs8;

import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.SigningKey;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * An Ed25519 private key in PKCS#8 (RFC 5958, RFC 8410), decoded the same way for every provider, with the JDK's
 * plain Java only. An Ed25519 key has exactly two DER encodings: version 1 (48 bytes: the seed), as OpenSSL, the
 * seed program and {@code minitls certs} write it, and version 2 (83 bytes: the seed and its public key). The input
 * must be one of them, byte for byte; anything else (attributes, parameters, BER, another algorithm, bytes after the
 * key) is refused rather than repaired, and so is a version 2 whose public key is not the seed's.
 */
public final class Ed25519Pkcs8 {

    /** SEQUENCE, version 0, AlgorithmIdentifier { id-Ed25519 }, OCTET STRING { OCTET STRING (32 bytes) }. */
    private static final byte[] V1_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    /** The same with version 1, the SEQUENCE 0x51 bytes long, and [1] BIT STRING { public key } after the seed. */
    private static final byte[] V2_PREFIX = HexFormat.of().parseHex("3051020101300506032b657004220420");
    private static final byte[] V2_PUBLIC_KEY_HEADER = HexFormat.of().parseHex("812100");
    private static final int KEY_LENGTH = 32;

    private Ed25519Pkcs8() {
    }

    /**
     * The signing key {@code pkcs8} holds, made by {@code fromSeed} (a provider's own Ed25519).
     *
     * @throws CryptoException with {@link CryptoException.Kind#MALFORMED} when {@code pkcs8} is not one of the two
     *     encodings, or its public key is not the seed's
     */
    public static SigningKey signingKey(byte[] pkcs8, Function<byte[], SigningKey> fromSeed) {
        boolean v1 = pkcs8.length == V1_PREFIX.length + KEY_LENGTH && startsWith(pkcs8, V1_PREFIX);
        boolean v2 = pkcs8.length == V2_PREFIX.length + KEY_LENGTH + V2_PUBLIC_KEY_HEADER.length + KEY_LENGTH
                && startsWith(pkcs8, V2_PREFIX)
                && Arrays.equals(pkcs8, V2_PREFIX.length + KEY_LENGTH, V2_PREFIX.length + KEY_LENGTH
                        + V2_PUBLIC_KEY_HEADER.length, V2_PUBLIC_KEY_HEADER, 0, V2_PUBLIC_KEY_HEADER.length);
        if (!v1 && !v2) {
            throw new CryptoException(CryptoException.Kind.MALFORMED,
                    "PKCS#8: not a DER-encoded Ed25519 private key (RFC 8410)");
        }
        byte[] seed = Arrays.copyOfRange(pkcs8, V1_PREFIX.length, V1_PREFIX.length + KEY_LENGTH);
        try {
            SigningKey key = fromSeed.apply(seed);
            if (v2 && !MessageDigest.isEqual(key.publicKey(),
                    Arrays.copyOfRange(pkcs8, pkcs8.length - KEY_LENGTH, pkcs8.length))) {
                throw new CryptoException(CryptoException.Kind.MALFORMED,
                        "PKCS#8: the public key is not the private key's");
            }
            return key;
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
