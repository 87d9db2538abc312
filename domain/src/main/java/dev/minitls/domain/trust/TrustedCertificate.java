package dev.minitls.domain.trust;

import dev.minitls.domain.cert.Certificate;

/**
 * Proof that a certificate passed {@link ServerCertificateValidator}: only the validator can make one, so code that
 * needs a trusted key cannot be handed an unchecked certificate by mistake.
 */
public final class TrustedCertificate {

    private final Certificate certificate;

    TrustedCertificate(Certificate certificate) {
        this.certificate = certificate;
    }

    public Certificate certificate() {
        return certificate;
    }

    /** The certificate's Ed25519 public key, 32 bytes. */
    public byte[] publicKey() {
        return certificate.publicKey().clone();
    }
}
