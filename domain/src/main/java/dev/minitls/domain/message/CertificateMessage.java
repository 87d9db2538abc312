package dev.minitls.domain.message;

/** Step 10: the server's X.509 certificate as PEM text. */
public record CertificateMessage(byte[] certificatePem) implements Message {

    @Override
    public MessageType type() {
        return MessageType.CERTIFICATE;
    }
}
