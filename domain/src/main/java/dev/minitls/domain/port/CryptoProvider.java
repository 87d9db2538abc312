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

    /**
     * The key share (public key) of a private key in {@code group}: for X25519 the same as
     * {@link #x25519PublicKey}, for secp256r1 the uncompressed point.
     *
     * @throws CryptoException with {@link CryptoException.Kind#INVALID_KEY} when the private key is not
     *     {@code group.privateKeyLength()} bytes or, for secp256r1, not a scalar from 1 to n - 1
     */
    byte[] keyShare(KeyExchangeGroup group, byte[] privateKey);

    /**
     * Key agreement in {@code group} with the peer's key share: for X25519 the same as {@link #x25519}, for
     * secp256r1 ECDH (the X coordinate, 32 bytes) with an uncompressed point only.
     *
     * @throws CryptoException with {@link CryptoException.Kind#INVALID_KEY} when a key is not the group's length,
     *     a secp256r1 share is not {@code 04 || X || Y} with X and Y below p and on the curve (so never the
     *     identity), or the X25519 result is all zero
     */
    byte[] agree(KeyExchangeGroup group, byte[] privateKey, byte[] peerKeyShare);

    /**
     * Verifies a signature of {@code message} under a public key as a certificate carries it: the raw 32 bytes for
     * {@link SignatureAlgorithm#ED25519} (as {@link #ed25519Verify}), the SubjectPublicKeyInfo (DER) for the
     * others: an id-ecPublicKey on prime256v1 with an uncompressed point, or an rsaEncryption key of at least 2048
     * bits. Returns {@code false} for anything but a valid signature by such a key: another key type, a key that is
     * not well-formed or too small, a point not on the curve, an ECDSA signature that is not strict DER (BER, a
     * needless leading zero, bytes after it) or whose r or s is not from 1 to n - 1, an RSA signature that is not
     * exactly the modulus's length.
     */
    boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature);

    /**
     * Whether {@code certificate}'s signature verifies under its issuer's public key, as {@link #verify} of its
     * tbsCertificate and signature does. A provider may remember a signature that verified and answer the next
     * check of exactly the same algorithm, key, tbsCertificate and signature without verifying again, as the JDK
     * does for the certificates it parsed: a client checks the same server's certificate on every handshake.
     */
    default boolean verifyCertificate(SignatureAlgorithm algorithm, byte[] issuerPublicKey, Certificate certificate) {
        return verify(algorithm, issuerPublicKey, certificate.tbsCertificate(), certificate.signature());
    }

    /** An Ed25519 signing key from its 32-byte RFC 8032 private key (the seed). */
    SigningKey ed25519SigningKey(byte[] privateKey);

    /**
     * The signing key in a private key's PKCS#8 encoding (RFC 5958, DER; the body of a {@code PRIVATE KEY} PEM
     * block, as OpenSSL, the original program and {@code minitls certs} write it): an Ed25519 key (RFC 8410), in
     * version 1, or version 2 with the matching public key; an EC key on prime256v1 (RFC 5915, its public key, when
     * present, the private key's); an RSA key (RFC 8017, two primes) of at least 2048 bits.
     *
     * @throws CryptoException with {@link CryptoException.Kind#MALFORMED} when it is not such a key, with
     *     {@link CryptoException.Kind#INVALID_KEY} for an RSA key under 2048 bits or an EC scalar out of range
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
     * Parses one X.509 certificate from its DER encoding (PEM armour is taken off by whoever read the file or the
     * wire, with {@link dev.minitls.domain.pem.Pem}).
     *
     * @throws CryptoException with {@link CryptoException.Kind#MALFORMED} when {@code der} is not exactly one
     *     well-formed certificate in DER (BER, trailing bytes and PEM text are malformed)
     */
    Certificate parseCertificate(byte[] der);
}
