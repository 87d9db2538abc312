package dev.minitls.crypto.keys;

import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import java.util.List;

/**
 * What every provider's ECDSA P-256 and RSA signing key holds besides its private key: the public key as a
 * certificate carries it, the algorithms it signs with (the first one first), and a description that shows no key
 * bytes. Each provider adds its private key and how it signs.
 */
public abstract class KeyHandle implements SigningKey {

    /** What a P-256 key signs with. */
    public static final List<SignatureAlgorithm> ECDSA_P256 = List.of(SignatureAlgorithm.ECDSA_SECP256R1_SHA256);

    private final byte[] publicKey;
    private final List<SignatureAlgorithm> algorithms;
    private final String description;

    protected KeyHandle(byte[] publicKey, List<SignatureAlgorithm> algorithms, String description) {
        this.publicKey = publicKey.clone();
        this.algorithms = List.copyOf(algorithms);
        this.description = description + " signing key (private bytes not shown)";
    }

    @Override
    public final byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public final List<SignatureAlgorithm> algorithms() {
        return algorithms;
    }

    @Override
    public final String toString() {
        return description;
    }
}
