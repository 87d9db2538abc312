package dev.minitls.domain.handshake;

import dev.minitls.domain.trust.TrustedCertificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.CryptoProvider;

/** Proof that the server's CertificateVerify signature was checked with its trusted certificate's key. */
final class SignatureVerified {

    private SignatureVerified() {
    }

    /**
     * Verifies the Ed25519 signature over {@code signedContent}.
     *
     * @throws ProtocolException with {@code BAD_SIGNATURE} when it does not verify
     */
    static SignatureVerified check(CryptoProvider crypto, TrustedCertificate server, byte[] signedContent,
            byte[] signature) {
        if (!crypto.ed25519Verify(server.publicKey(), signedContent, signature)) {
            throw new ProtocolException(Failure.BAD_SIGNATURE,
                    "the server's signature over the transcript does not verify with its certificate's key");
        }
        return new SignatureVerified();
    }
}
