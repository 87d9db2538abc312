package dev.minitls.domain.handshake;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.trace.HandshakeObserver;
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
 * @param certificatePem the server certificate (PEM text), then, for TLS 1.3, the intermediate CA certificates
 *     that lead to the client's root, each issuer after the certificate it signed (at most {@value #MAX_CHAIN} in
 *     all); v1 and v2 send it exactly as it is, so they take a lone certificate only
 * @param signingKey the certificate's private key: Ed25519 for every protocol; ECDSA P-256 or RSA for TLS 1.3 only
 *     (a v1 or v2 client is then refused, as those protocols sign with Ed25519 alone)
 * @param observer told of every step
 * @param protocols the protocols the server accepts; a client that speaks another is refused, never served
 * @param tls13 the TLS 1.3 suites and groups the server takes, in its order of preference (its tls13 clients only)
 */
public record ServerConfig(
        CryptoProvider crypto,
        RandomSource random,
        byte[] certificatePem,
        SigningKey signingKey,
        HandshakeObserver observer,
        Set<ProtocolVersion> protocols,
        Tls13Settings tls13) {

    /** The most certificates a server's certificate file may hold: its own and its issuers'. */
    public static final int MAX_CHAIN = 8;

    /**
     * @throws dev.minitls.domain.port.CryptoException with {@code MALFORMED} when {@code certificatePem} is not 1 to
     *     {@value #MAX_CHAIN} PEM certificates whose DER parses
     * @throws IllegalArgumentException when the key does not belong to the certificate, or no protocol is accepted
     */
    public ServerConfig {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(tls13, "tls13");
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("a server must accept at least one protocol");
        }
        protocols = Set.copyOf(protocols);
        List<byte[]> chain = Pem.decodeAll(Pem.CERTIFICATE, certificatePem, MAX_CHAIN);
        Certificate certificate = crypto.parseCertificate(chain.get(0));
        chain.subList(1, chain.size()).forEach(crypto::parseCertificate);
        if (!Arrays.equals(certificate.publicKey(), signingKey.publicKey())) {
            throw new IllegalArgumentException("the server's private key does not belong to its certificate "
                    + certificate.subjectText());
        }
        certificatePem = certificatePem.clone();
    }

    /** A server that accepts {@code protocols}, taking {@link Tls13Settings#DEFAULT} from its tls13 clients. */
    public ServerConfig(CryptoProvider crypto, RandomSource random, byte[] certificatePem, SigningKey signingKey,
            HandshakeObserver observer, Set<ProtocolVersion> protocols) {
        this(crypto, random, certificatePem, signingKey, observer, protocols, Tls13Settings.DEFAULT);
    }

    /** This server taking {@code tls13} from its tls13 clients instead. */
    public ServerConfig withTls13(Tls13Settings tls13) {
        return new ServerConfig(crypto, random, certificatePem, signingKey, observer, protocols, tls13);
    }

    /** A server that accepts every protocol minitls speaks. */
    public ServerConfig(CryptoProvider crypto, RandomSource random, byte[] certificatePem, SigningKey signingKey,
            HandshakeObserver observer) {
        this(crypto, random, certificatePem, signingKey, observer, EnumSet.allOf(ProtocolVersion.class));
    }

    /**
     * Refuses a client that speaks a protocol this server does not accept, or a v1 or v2 client when this server's
     * key is not Ed25519 or its certificate file holds a chain (those protocols sign with Ed25519 and send one
     * certificate): the handshake answers with {@code protocol_version} where the protocol has alerts, closes the
     * connection where it has none (v1); a server that does not serve tls13 answers a TLS connection with a
     * {@code protocol_version} alert in clear.
     *
     * @throws ProtocolException {@code UNSUPPORTED_VERSION} naming the protocols that are accepted
     */
    public void requireAccepted(ProtocolVersion protocol) {
        if (!protocols.contains(protocol)) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION, "the client speaks protocol " + protocol
                    + ", which this server does not accept (it accepts " + names(protocols) + ")");
        }
        if (!protocol.jsonLines()) {
            return;
        }
        if (!signingKey.algorithms().contains(SignatureAlgorithm.ED25519)) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION, "the client speaks protocol " + protocol
                    + ", which signs with Ed25519; this server's key signs with " + signingKey.algorithms()
                    + " (TLS 1.3 only)");
        }
        if (chain().size() > 1) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION, "the client speaks protocol " + protocol
                    + ", which sends one certificate; this server's certificate file holds a chain (TLS 1.3 only)");
        }
    }

    /** The protocols, in their order: {@code v1, v2}. */
    public static String names(Set<ProtocolVersion> protocols) {
        return protocols.stream().sorted().map(ProtocolVersion::toString).collect(Collectors.joining(", "));
    }

    /** The certificates of {@link #certificatePem()}, DER, the server's first: what a TLS 1.3 server sends. */
    public List<byte[]> chain() {
        return Pem.decodeAll(Pem.CERTIFICATE, certificatePem, MAX_CHAIN);
    }

    /** A copy: the certificate every handshake sends cannot be changed from outside. */
    @Override
    public byte[] certificatePem() {
        return certificatePem.clone();
    }
}
