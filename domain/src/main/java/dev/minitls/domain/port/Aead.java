package dev.minitls.domain.port;

/** AES-256-GCM bound to one key. Ciphertexts carry the 16-byte tag at the end. */
public interface Aead {

    int NONCE_LENGTH = 12;
    int TAG_LENGTH = 16;

    byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext);

    /**
     * Opens a ciphertext. No byte of plaintext is released unless the tag is valid.
     *
     * @throws CryptoException with {@link CryptoException.Kind#AUTHENTICATION_FAILED} when the tag does not match
     */
    byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag);
}
