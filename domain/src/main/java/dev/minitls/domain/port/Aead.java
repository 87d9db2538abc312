package dev.minitls.domain.port;

import java.util.Arrays;
import java.util.Objects;

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
     * {@link #seal} in place, for a record layer that builds each record in the array it sends: the {@code length}
     * bytes of {@code buffer} from {@code offset} are replaced by their ciphertext and the tag follows them, in the
     * {@link #TAG_LENGTH} bytes after them. The same nonce rules as {@link #seal}. This default copies; an adapter
     * whose library can work in place does so.
     *
     * @throws IndexOutOfBoundsException when {@code buffer} has no room for the plaintext and the tag there
     */
    default void sealInPlace(byte[] nonce, byte[] associatedData, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length + TAG_LENGTH, buffer.length);
        byte[] sealed = seal(nonce, associatedData, Arrays.copyOfRange(buffer, offset, offset + length));
        System.arraycopy(sealed, 0, buffer, offset, sealed.length);
    }

    /**
     * {@link #open} in place: the {@code length} bytes of {@code buffer} from {@code offset}, ciphertext and tag, are
     * opened, and the plaintext is written from {@code offset}. When the tag does not verify, no byte of
     * {@code buffer} is changed. This default copies; an adapter whose library can work in place does so.
     *
     * @return the plaintext's length, {@code length - TAG_LENGTH}
     * @throws CryptoException with {@link CryptoException.Kind#AUTHENTICATION_FAILED} when the tag does not match
     * @throws IndexOutOfBoundsException when the range is not inside {@code buffer}
     */
    default int openInPlace(byte[] nonce, byte[] associatedData, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        byte[] opened = open(nonce, associatedData, Arrays.copyOfRange(buffer, offset, offset + length));
        System.arraycopy(opened, 0, buffer, offset, opened.length);
        return opened.length;
    }

    /**
     * Wipes this AEAD's copy of the key and lets go of what the library derived from it (what the library lets one
     * wipe is wiped). Every later {@link #seal} or {@link #open} is an {@link IllegalStateException}; destroying twice
     * does nothing. The record layer calls it when a key is retired and when the session ends, however it ends.
     */
    void destroy();
}
