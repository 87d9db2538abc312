package dev.minitls.domain.message;

/** Step 14: an HMAC over the transcript so far, sent by each side. */
public record Finished(byte[] mac) implements Message {

    @Override
    public MessageType type() {
        return MessageType.FINISHED;
    }
}
