package dev.minitls.domain.message;

/** Step 7: the server's answer with its random and X25519 public key. */
public record ServerHello(byte[] random, int version, byte[] ephemeralPublicKey, String suite) implements Hello {

    @Override
    public MessageType type() {
        return MessageType.SERVER_HELLO;
    }
}
