package dev.minitls.domain.message;

/** Step 12: the server's Ed25519 signature over the transcript so far. */
public record CertificateVerify(byte[] signature) implements Message {

    @Override
    public MessageType type() {
        return MessageType.CERTIFICATE_VERIFY;
    }
}
