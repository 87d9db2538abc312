package dev.minitls.domain.message;

/**
 * Step 5: the client's opening message.
 *
 * @param random 32 random bytes
 * @param version the protocol version the client speaks
 * @param ephemeralPublicKey the client's X25519 public key for this handshake
 * @param suite the suite: {@code X25519} in v1, {@code X25519_AES256GCM_SHA256} in v2
 * @param serverName the name the client expects the server's certificate to carry
 */
public record ClientHello(byte[] random, int version, byte[] ephemeralPublicKey, String suite, String serverName)
        implements Hello {

    @Override
    public MessageType type() {
        return MessageType.CLIENT_HELLO;
    }
}
