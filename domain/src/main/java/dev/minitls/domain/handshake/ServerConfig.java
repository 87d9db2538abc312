package dev.minitls.domain.handshake;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.trace.HandshakeObserver;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a server needs for a handshake.
 *
 * @param crypto the crypto provider
 * @param random randomness: the server takes its 32-byte random first, then its 32-byte X25519 private key
 * @param certificatePem the server certificate exactly as it is sent (PEM text)
 * @param signingKey the certificate's private key
 * @param observer told of every step
 */
public record ServerConfig(
        CryptoProvider crypto,
        RandomSource random,
        byte[] certificatePem,
        SigningKey signingKey,
        HandshakeObserver observer) {

    /**
     * @throws dev.minitls.domain.port.CryptoException with {@code MALFORMED} when {@code certificatePem} is not one
     *     PEM certificate whose DER parses
     * @throws IllegalArgumentException when the key does not belong to the certificate
     */
    public ServerConfig {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(observer, "observer");
        Certificate certificate = crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, certificatePem));
        if (!certificate.hasEd25519Key() || !Arrays.equals(certificate.publicKey(), signingKey.publicKey())) {
            throw new IllegalArgumentException("the server's private key does not belong to its certificate "
                    + certificate.subjectText());
        }
        certificatePem = certificatePem.clone();
    }

    /** A copy: the certificate every handshake sends cannot be changed from outside. */
    @Override
    public byte[] certificatePem() {
        return certificatePem.clone();
    }
}
