package dev.minitls.domain.port;

/** A private signing key held by the provider (Ed25519); its bytes never come back out. */
public interface SigningKey {

    /** The matching 32-byte public key. */
    byte[] publicKey();

    /** A 64-byte Ed25519 signature over {@code message}. */
    byte[] sign(byte[] message);
}
