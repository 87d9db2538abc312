package dev.minitls.domain.trust;

import dev.minitls.domain.cert.Certificate;
import java.util.List;

/**
 * A stand-in for {@link ServerCertificateValidator} in handshake tests that are about what comes after the
 * certificate (the CertificateVerify of the test crypto's toy ECDSA and RSA keys, whose certificates no real
 * validator could check): it trusts the certificate it is given, whatever it is. Never a test of trust itself.
 */
public final class TrustFixture {

    private TrustFixture() {
    }

    /** {@code server}, trusted as it is, for any name. */
    public static TrustedCertificate trustAsIs(Certificate server, List<Certificate> intermediates,
            String serverName) {
        return new TrustedCertificate(List.of(server));
    }
}
