package dev.minitls.domain.message;

/**
 * An encrypted record; the ciphertext ends with the 16-byte AEAD tag. In protocol v1 it carries application data
 * (step 15); in protocol v2 every frame after the ServerHello is one, whatever it carries inside.
 */
public record ApplicationRecord(long sequence, byte[] ciphertext) implements Message {

    @Override
    public MessageType type() {
        return MessageType.APPLICATION_RECORD;
    }
}
