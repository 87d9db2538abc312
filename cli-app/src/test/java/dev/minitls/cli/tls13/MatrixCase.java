package dev.minitls.cli.tls13;

import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.TraceEvent;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One case of the TLS 1.3 interoperability matrix (issue 13): the server's key type, the group and the suite both
 * sides end up with, and whether an intermediate CA stands between the root and the server. The PKI of each key type
 * and layout is issued once per JVM (RSA key generation is slow), as {@code minitls certs} issues it.
 */
record MatrixCase(KeyType keyType, NamedGroup group, CipherSuite suite, boolean intermediate) {

    private static final Map<KeyType, Map<Boolean, IssuedMaterial>> ISSUED = new EnumMap<>(KeyType.class);

    /** Every key type × group × suite × intermediate (without, with): 36 cases. */
    static Stream<MatrixCase> all() {
        return Stream.of(KeyType.values()).flatMap(type -> Tls13Settings.implementedGroups().stream()
                .flatMap(group -> Tls13Settings.implementedSuites().stream()
                        .flatMap(suite -> Stream.of(false, true)
                                .map(intermediate -> new MatrixCase(type, group, suite, intermediate)))));
    }

    /** Each key type, without and with an intermediate CA, agreeing on x25519 after a HelloRetryRequest. */
    static Stream<MatrixCase> retriedToX25519() {
        return eachKeyTypeAgreeingOn(NamedGroup.X25519);
    }

    /** Each key type, without and with an intermediate CA, agreeing on secp256r1 after a HelloRetryRequest. */
    static Stream<MatrixCase> retriedToSecp256r1() {
        return eachKeyTypeAgreeingOn(NamedGroup.SECP256R1);
    }

    private static Stream<MatrixCase> eachKeyTypeAgreeingOn(NamedGroup group) {
        return Stream.of(KeyType.values()).flatMap(type -> Stream.of(false, true).map(intermediate ->
                new MatrixCase(type, group, CipherSuite.TLS_AES_128_GCM_SHA256, intermediate)));
    }

    /** The PKI of this case's key type and layout. */
    IssuedMaterial pki() {
        synchronized (ISSUED) {
            return ISSUED.computeIfAbsent(keyType, any -> new HashMap<>()).computeIfAbsent(intermediate,
                    any -> PkiIssuer.issue(Tls13Peers.SERVER_NAME, 1, Clock.systemUTC(), keyType, intermediate));
        }
    }

    /** This case's suite and group only. */
    Tls13Settings settings() {
        return new Tls13Settings(List.of(suite), List.of(group));
    }

    /** A minitls server with this case's key and chain, taking only {@code settings}. */
    ServerConfig serverConfig(Tls13Settings settings, HandshakeObserver observer) {
        IssuedMaterial pki = pki();
        return new ServerConfig(Tls13Peers.CRYPTO, new SecureRandomSource(), Tls13Peers.ascii(pki.serverChainPem()),
                Tls13Peers.CRYPTO.signingKey(Pem.decode("PRIVATE KEY", Tls13Peers.ascii(pki.serverPrivateKeyPem()))),
                observer, EnumSet.of(ProtocolVersion.TLS13), settings);
    }

    /** A minitls client trusting this case's root, offering {@code settings}. */
    ClientConfig clientConfig(Tls13Settings settings, HandshakeObserver observer) {
        return new ClientConfig(Tls13Peers.CRYPTO, new SecureRandomSource(), Clock.systemUTC(),
                List.of(Tls13Peers.CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE,
                        Tls13Peers.ascii(pki().rootCertificatePem())))),
                Tls13Peers.SERVER_NAME, ProtocolVersion.TLS13, observer, settings);
    }

    /** The group the key exchange of {@code events} used, as the crypto port computed it. */
    static KeyExchangeGroup agreedGroup(List<TraceEvent> events) {
        return events.stream().map(TraceEvent::event).filter(Event.SharedSecretAgreed.class::isInstance)
                .map(Event.SharedSecretAgreed.class::cast).map(Event.SharedSecretAgreed::group).findFirst()
                .orElseThrow(() -> new AssertionError("no key exchange in " + events));
    }

    /** The crypto port's group for this case's named group. */
    KeyExchangeGroup exchange() {
        return group.equals(NamedGroup.X25519) ? KeyExchangeGroup.X25519 : KeyExchangeGroup.SECP256R1;
    }

    /** OpenSSL's name of this case's group. */
    String opensslGroup() {
        return group.equals(NamedGroup.X25519) ? "X25519" : "P-256";
    }

    @Override
    public String toString() {
        return keyType + ", " + group + ", " + suite + (intermediate ? ", under an intermediate CA" : ", root-signed");
    }
}
