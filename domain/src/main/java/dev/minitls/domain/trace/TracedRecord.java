package dev.minitls.domain.trace;

import dev.minitls.domain.keys.Secret;

/**
 * The record a piece of content went out or came in.
 *
 * @param sequence its sequence number
 * @param nonce IV XOR sequence number: as secret as the IV it hides
 * @param ciphertext the ciphertext with the tag
 * @param plaintext what the AEAD protects (in v2 the content followed by its content-type byte)
 */
public record TracedRecord(long sequence, Secret nonce, byte[] ciphertext, byte[] plaintext) {
}
