package dev.minitls.domain.handshake;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trust.ServerCertificateValidator;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a server needs for a handshake.
 *
 * @param crypto the crypto provider
 * @param random randomness: the server takes its 32-byte random first, then its 32-byte X25519 private key
 * @param certificatePem the server certificate exactly as it is sent in v1 and v2 (PEM text, one certificate)
 * @param intermediates the intermediate CA certificates (DER) that TLS 1.3 sends after the server's own, the one
 *     that issued it first; empty when a root issued it. v1 and v2 send the server's certificate only: their
 *     clients must trust its issuer directly
 * @param signingKey the certificate's private key
 * @param observer told of every step
 * @param protocols the protocols the server accepts; a client that speaks another is refused, never served
 */
public record ServerConfig(
        CryptoProvider crypto,
        RandomSource random,
        byte[] certificatePem,
        List<byte[]> intermediates,
        SigningKey signingKey,
        HandshakeObserver observer,
        Set<ProtocolVersion> protocols) {

    /**
     * @throws dev.minitls.domain.port.CryptoException with {@code MALFORMED} when {@code certificatePem} is not one
     *     PEM certificate whose DER parses, or an intermediate does not parse
     * @throws IllegalArgumentException when the key does not belong to the certificate, there are more than
     *     {@link ServerCertificateValidator#MAX_INTERMEDIATES} intermediates, or no protocol is accepted
     */
    public ServerConfig {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(observer, "observer");
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("a server must accept at least one protocol");
        }
        protocols = Set.copyOf(protocols);
        Certificate certificate = crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, certificatePem));
        if (!certificate.hasEd25519Key() || !Arrays.equals(certificate.publicKey(), signingKey.publicKey())) {
            throw new IllegalArgumentException("the server's private key does not belong to its certificate "
                    + certificate.subjectText());
        }
        certificatePem = certificatePem.clone();
        if (intermediates.size() > ServerCertificateValidator.MAX_INTERMEDIATES) {
            throw new IllegalArgumentException("a chain of " + intermediates.size() + " intermediate certificates, "
                    + "more than the " + ServerCertificateValidator.MAX_INTERMEDIATES + " a client accepts");
        }
        intermediates = intermediates.stream().map(byte[]::clone).toList();
        intermediates.forEach(crypto::parseCertificate);
    }

    /** A server whose certificate a root CA issued directly (no intermediates). */
    public ServerConfig(CryptoProvider crypto, RandomSource random, byte[] certificatePem, SigningKey signingKey,
            HandshakeObserver observer, Set<ProtocolVersion> protocols) {
        this(crypto, random, certificatePem, List.of(), signingKey, observer, protocols);
    }

    /** A server that accepts every protocol minitls speaks. */
    public ServerConfig(CryptoProvider crypto, RandomSource random, byte[] certificatePem, SigningKey signingKey,
            HandshakeObserver observer) {
        this(crypto, random, certificatePem, signingKey, observer, EnumSet.allOf(ProtocolVersion.class));
    }

    /**
     * Refuses a client that speaks a protocol this server does not accept: the handshake answers with
     * {@code protocol_version} where the protocol has alerts, closes the connection where it has none (v1); a
     * server that does not serve tls13 closes a TLS connection, as a server of JSON lines only would.
     *
     * @throws ProtocolException {@code UNSUPPORTED_VERSION} naming the protocols that are accepted
     */
    public void requireAccepted(ProtocolVersion protocol) {
        if (!protocols.contains(protocol)) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION, "the client speaks protocol " + protocol
                    + ", which this server does not accept (it accepts " + names(protocols) + ")");
        }
    }

    /** The protocols, in their order: {@code v1, v2}. */
    public static String names(Set<ProtocolVersion> protocols) {
        return protocols.stream().sorted().map(ProtocolVersion::toString).collect(Collectors.joining(", "));
    }

    /** Copies: the chain every handshake sends cannot be changed from outside. */
    @Override
    public List<byte[]> intermediates() {
        return intermediates.stream().map(byte[]::clone).toList();
    }

    /** A copy: the certificate every handshake sends cannot be changed from outside. */
    @Override
    public byte[] certificatePem() {
        return certificatePem.clone();
    }
}
