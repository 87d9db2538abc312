package dev.minitls.domain.trust;

import dev.minitls.domain.cert.Certificate;

/**
 * A stand-in for {@link ServerCertificateValidator} in handshake tests that are about what comes after the
 * certificate (the CertificateVerify of an ECDSA or RSA key, which the validator does not take yet): it trusts the
 * certificate it is given, whatever it is. Never a test of trust itself.
 */
public final class TrustFixture {

    private TrustFixture() {
    }

    /** {@code server}, trusted as it is, for any name. */
    public static TrustedCertificate trustAsIs(Certificate server, String serverName) {
        return new TrustedCertificate(server);
    }
}
