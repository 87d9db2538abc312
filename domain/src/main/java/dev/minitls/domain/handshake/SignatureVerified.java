package dev.minitls.domain.handshake;

import dev.minitls.domain.trust.TrustedCertificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.SignatureAlgorithm;

/** Proof that the server's CertificateVerify signature was checked with its trusted certificate's key. */
final class SignatureVerified {

    private SignatureVerified() {
    }

    /**
     * Verifies the {@code algorithm} signature over {@code signedContent} with the certificate's key.
     *
     * @throws ProtocolException with {@code BAD_SIGNATURE} when it does not verify
     */
    static SignatureVerified check(CryptoProvider crypto, SignatureAlgorithm algorithm, TrustedCertificate server,
            byte[] signedContent, byte[] signature) {
        if (!crypto.verify(algorithm, server.publicKey(), signedContent, signature)) {
            throw new ProtocolException(Failure.BAD_SIGNATURE,
                    "the server's signature over the transcript does not verify with its certificate's key");
        }
        return new SignatureVerified();
    }
}
