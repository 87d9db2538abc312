package dev.minitls.domain.trust;

import dev.minitls.domain.cert.Certificate;
import java.util.List;

/**
 * Proof that a certificate passed {@link ServerCertificateValidator}: only the validator can make one, so code that
 * needs a trusted key cannot be handed an unchecked certificate by mistake.
 */
public final class TrustedCertificate {

    private final List<Certificate> path;

    /** @param path the validated path: the server's certificate first, the trust anchor last */
    TrustedCertificate(List<Certificate> path) {
        this.path = List.copyOf(path);
    }

    /** The server's certificate. */
    public Certificate certificate() {
        return path.get(0);
    }

    /** The path the validator found: the server's certificate, the intermediate CAs it used, the trust anchor. */
    public List<Certificate> path() {
        return path;
    }

    /** The trusted root CA the path ends at. */
    public Certificate trustAnchor() {
        return path.get(path.size() - 1);
    }

    /** The certificate's public key: the raw 32 bytes for Ed25519, the SubjectPublicKeyInfo (DER) otherwise. */
    public byte[] publicKey() {
        return certificate().publicKey().clone();
    }
}
