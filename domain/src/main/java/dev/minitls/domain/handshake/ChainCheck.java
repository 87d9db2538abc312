package dev.minitls.domain.handshake;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.trust.TrustedCertificate;
import java.util.List;

/**
 * Whether the server's certificate, with the intermediates it sent, is trusted for a name: the TLS 1.3 client's
 * {@link dev.minitls.domain.trust.ServerCertificateValidator}, or, in domain tests about what comes after the
 * certificate, a fixture.
 */
@FunctionalInterface
interface ChainCheck {

    /** @throws dev.minitls.domain.error.ProtocolException naming the first check that failed */
    TrustedCertificate validate(Certificate server, List<Certificate> intermediates, String serverName);
}
