package dev.minitls.domain.port;

/**
 * An AEAD ({@link AeadAlgorithm}) bound to one key. Ciphertexts carry the 16-byte tag at the end. It holds its own
 * copy of the key (the caller may wipe the array it passed) until {@link #destroy()}.
 */
public interface Aead {

    int NONCE_LENGTH = 12;
    int TAG_LENGTH = 16;

    /**
     * Seals a plaintext. Each nonce seals at most once under this key: a repeated nonce is a hard failure, whatever
     * order the nonces came in (a GCM nonce used twice reveals the XOR of the plaintexts and lets anyone forge tags).
     *
     * @throws CryptoException with {@link CryptoException.Kind#NONCE_REUSED} when this key already sealed with
     *     {@code nonce}, and with {@link CryptoException.Kind#INVALID_ARGUMENT} when the nonce is not 12 bytes
     */
    byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext);

    /**
     * Opens a ciphertext. No byte of plaintext is released unless the tag is valid.
     *
     * @throws CryptoException with {@link CryptoException.Kind#AUTHENTICATION_FAILED} when the tag does not match
     */
    byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag);

    /**
     * Wipes this AEAD's copy of the key and lets go of what the library derived from it (what the library lets one
     * wipe is wiped). Every later {@link #seal} or {@link #open} is an {@link IllegalStateException}; destroying twice
     * does nothing. The record layer calls it when a key is retired and when the session ends, however it ends.
     */
    void destroy();
}
