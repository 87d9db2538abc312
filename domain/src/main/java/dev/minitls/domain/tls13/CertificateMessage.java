package dev.minitls.domain.tls13;

import java.util.List;
import java.util.Objects;

/**
 * The sender's certificate chain (RFC 8446 section 4.4.2), leaf first.
 *
 * @param requestContext empty in a server's Certificate; echoes a CertificateRequest's context otherwise
 * @param entries the certificates, each DER with its own extensions
 */
public record CertificateMessage(byte[] requestContext, List<Entry> entries) implements HandshakeMessage {

    public CertificateMessage {
        Objects.requireNonNull(requestContext, "requestContext");
        entries = List.copyOf(entries);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    /**
     * One certificate of the chain.
     *
     * @param der the X.509 certificate, DER encoded
     * @param extensions its extensions (e.g. an OCSP status), unknown to minitls and kept as they came
     */
    public record Entry(byte[] der, List<Extension> extensions) {
        public Entry {
            Objects.requireNonNull(der, "der");
            extensions = List.copyOf(extensions);
        }
    }
}
