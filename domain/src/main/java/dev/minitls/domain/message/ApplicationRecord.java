package dev.minitls.domain.message;

/** Step 15: one encrypted record; the ciphertext ends with the 16-byte AEAD tag. */
public record ApplicationRecord(long sequence, byte[] ciphertext) implements Message {

    @Override
    public MessageType type() {
        return MessageType.APPLICATION_RECORD;
    }
}
