package dev.minitls.domain.handshake;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trust.ServerCertificateValidator;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What a client needs for a handshake.
 *
 * @param crypto the crypto provider
 * @param random randomness: the client takes its 32-byte random first, then its 32-byte X25519 private key
 * @param clock the time certificates are checked against
 * @param trustAnchors the Root CA certificates the client trusts, one or more (a trust bundle); each as
 *     {@link ServerCertificateValidator#requireUsableRoot} requires
 * @param serverName the name the server's certificate must carry (sent in the ClientHello)
 * @param protocol the protocol to speak; the client never falls back to another
 * @param observer told of every step
 * @param tls13 the TLS 1.3 suites and groups offered, in order of preference (a tls13 client only)
 */
public record ClientConfig(
        CryptoProvider crypto,
        RandomSource random,
        Clock clock,
        List<Certificate> trustAnchors,
        String serverName,
        ProtocolVersion protocol,
        HandshakeObserver observer,
        Tls13Settings tls13) {

    public ClientConfig {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(clock, "clock");
        trustAnchors = List.copyOf(trustAnchors);
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one trusted root CA");
        }
        trustAnchors.forEach(ServerCertificateValidator::requireUsableRoot);
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(tls13, "tls13");
        if (serverName == null || serverName.isBlank()) {
            throw new IllegalArgumentException("a server name is required");
        }
    }

    /** A client that trusts {@code trustAnchors} and offers {@link Tls13Settings#DEFAULT} in TLS 1.3. */
    public ClientConfig(CryptoProvider crypto, RandomSource random, Clock clock, List<Certificate> trustAnchors,
            String serverName, ProtocolVersion protocol, HandshakeObserver observer) {
        this(crypto, random, clock, trustAnchors, serverName, protocol, observer, Tls13Settings.DEFAULT);
    }

    /** A client that trusts one Root CA certificate, {@code trustedRoot}. */
    public ClientConfig(CryptoProvider crypto, RandomSource random, Clock clock, Certificate trustedRoot,
            String serverName, ProtocolVersion protocol, HandshakeObserver observer) {
        this(crypto, random, clock, List.of(trustedRoot), serverName, protocol, observer);
    }

    /** This client offering {@code tls13} instead. */
    public ClientConfig withTls13(Tls13Settings tls13) {
        return new ClientConfig(crypto, random, clock, trustAnchors, serverName, protocol, observer, tls13);
    }
}
