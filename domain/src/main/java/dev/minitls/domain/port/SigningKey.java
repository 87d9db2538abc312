package dev.minitls.domain.port;

import java.util.List;

/**
 * A private signing key held by the provider; its bytes never come back out. An Ed25519 key (what protocols v1 and
 * v2 use) signs with Ed25519 alone, which the defaults below say; an ECDSA P-256 or RSA key overrides them.
 */
public interface SigningKey {

    /**
     * The matching public key as a certificate carries it: the raw 32 bytes of an Ed25519 key, the
     * SubjectPublicKeyInfo (DER) of an ECDSA or RSA key; what {@link CryptoProvider#verify} takes.
     */
    byte[] publicKey();

    /** A signature over {@code message} with the key's first algorithm: 64 bytes of Ed25519 for an Ed25519 key. */
    byte[] sign(byte[] message);

    /**
     * The algorithms this key can sign with, the first one first: Ed25519 for an Ed25519 key,
     * ecdsa_secp256r1_sha256 for a P-256 key, the three RSA-PSS ones for an RSA key.
     */
    default List<SignatureAlgorithm> algorithms() {
        return List.of(SignatureAlgorithm.ED25519);
    }

    /**
     * A signature over {@code message} with {@code algorithm}.
     *
     * @throws CryptoException with {@link CryptoException.Kind#INVALID_ARGUMENT} when the key cannot sign with it
     */
    default byte[] sign(SignatureAlgorithm algorithm, byte[] message) {
        if (!algorithms().contains(algorithm)) {
            throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    "this key signs with " + algorithms() + ", not " + algorithm);
        }
        return sign(message);
    }
}
