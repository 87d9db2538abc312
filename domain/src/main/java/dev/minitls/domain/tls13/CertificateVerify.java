package dev.minitls.domain.tls13;

import java.util.Objects;

/** The proof that the sender holds its certificate's key (RFC 8446 section 4.4.3): a scheme and a signature. */
public record CertificateVerify(SignatureScheme scheme, byte[] signature) implements HandshakeMessage {

    public CertificateVerify {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }
}
