package dev.minitls.crypto.bc;

import dev.minitls.domain.port.SigningKey;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key with its public key computed once, so each signature costs one scalar multiplication.
 * Immutable and thread-safe; {@link #toString()} shows no key bytes.
 */
final class BcEd25519SigningKey implements SigningKey {

    private final byte[] privateKey;
    private final byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];

    BcEd25519SigningKey(byte[] privateKey) {
        this.privateKey = privateKey.clone();
        Ed25519.generatePublicKey(this.privateKey, 0, publicKey, 0);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    @Override
    public String toString() {
        return "Ed25519 signing key (private bytes not shown)";
    }
}
