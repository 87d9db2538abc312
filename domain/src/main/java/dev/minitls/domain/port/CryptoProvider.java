package dev.minitls.domain.port;

import dev.minitls.domain.cert.Certificate;

/**
 * The one port through which the domain does cryptography. Adapters implement it with a real library
 * (Bouncy Castle, the JDK); the domain never touches a crypto library itself.
 *
 * <p>Every method either returns a correct result or throws {@link CryptoException}; whatever the library throws
 * underneath, the domain only ever sees that one type. Verification returns {@code false} rather than throwing.
 */
public interface CryptoProvider {

    /** A short name for the provider, such as {@code bc} or {@code jca}. */
    String name();

    /** A fresh incremental hash. */
    HashContext hash(HashAlgorithm algorithm);

    /** HMAC (RFC 2104) of {@code data} under {@code key}, with {@code algorithm}; any key length, none included. */
    byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[] data);

    /**
     * HKDF-Extract (RFC 5869). An empty {@code salt} means "not provided", i.e. {@code algorithm.length()} zero bytes.
     *
     * @return the pseudorandom key, {@code algorithm.length()} bytes
     */
    byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm);

    /**
     * HKDF-Expand (RFC 5869).
     *
     * @param length 0 to {@link HashAlgorithm#maxHkdfLength()} bytes; anything else is a {@link CryptoException}
     *     with {@link CryptoException.Kind#INVALID_ARGUMENT}
     */
    byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length);

    /** The X25519 public key of a 32-byte private key (RFC 7748; the scalar is clamped as usual). */
    byte[] x25519PublicKey(byte[] privateKey);

    /**
     * X25519 key agreement (RFC 7748).
     *
     * @throws CryptoException with {@link CryptoException.Kind#INVALID_KEY} when a key is not 32 bytes or the
     *     shared secret is all zero (a low-order peer key)
     */
    byte[] x25519(byte[] privateKey, byte[] peerPublicKey);

    /** An Ed25519 signing key from its 32-byte RFC 8032 private key (the seed). */
    SigningKey ed25519SigningKey(byte[] privateKey);

    /**
     * The signing key in a private key's PKCS#8 encoding (RFC 5958, DER; the body of a {@code PRIVATE KEY} PEM
     * block, as OpenSSL, the original program and {@code minitls certs} write it): an Ed25519 key (RFC 8410), in
     * version 1, or version 2 with the matching public key.
     *
     * @throws CryptoException with {@link CryptoException.Kind#MALFORMED} when it is not such a key
     */
    SigningKey signingKey(byte[] pkcs8);

    /**
     * Ed25519 verification (RFC 8032). Returns {@code false} for anything but a valid signature: a signature that
     * is not exactly 64 bytes, a public key that is not 32 bytes or not a point, a non-canonical S.
     */
    boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature);

    /**
     * An AEAD bound to {@code key}, with 12-byte nonces and 16-byte tags. It keeps its own copy of {@code key}, so the
     * caller may wipe its array at once, and wipes that copy when {@link Aead#destroy() destroyed}.
     *
     * @throws CryptoException with {@link CryptoException.Kind#INVALID_KEY} when the key is not
     *     {@code algorithm.keyLength()} bytes
     */
    Aead aead(AeadAlgorithm algorithm, byte[] key);

    /**
     * Parses one X.509 certificate from PEM text ({@code -----BEGIN CERTIFICATE-----}).
     *
     * @throws CryptoException with {@link CryptoException.Kind#MALFORMED} when it is not one well-formed
     *     certificate
     */
    Certificate parseCertificate(byte[] pem);
}
