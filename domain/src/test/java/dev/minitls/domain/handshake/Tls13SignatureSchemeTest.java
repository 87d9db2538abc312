package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.tls13.CertificateMessage;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.SignatureScheme;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trust.TrustFixture;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.InMemoryTls13Records;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestPeers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The signature schemes of the TLS 1.3 CertificateVerify over {@link InMemoryTls13Records}, for each kind of server
 * key (the test double's stand-ins for Ed25519, ECDSA P-256 and RSA): what the client offers, what the server
 * chooses, and what each side refuses with which alert. The client trusts the certificate through
 * {@link TrustFixture}, as the validator does not take ECDSA and RSA certificates yet; what is tested here starts
 * after it.
 */
class Tls13SignatureSchemeTest {

    private static final InsecureTestCrypto CRYPTO = new InsecureTestCrypto();
    private static final TestCertificates.Pki PKI = TestCertificates.pki();
    private static final long PATIENCE = 20;

    /** A kind of server key: its certificate's key algorithm, what it signs with, the scheme a minitls client gets. */
    enum KeyKind {
        ED25519("Ed25519", List.of(SignatureAlgorithm.ED25519), SignatureScheme.ED25519),
        ECDSA_P256("EC P-256", List.of(SignatureAlgorithm.ECDSA_SECP256R1_SHA256), SignatureScheme.ECDSA_SECP256R1_SHA256),
        RSA("RSA", List.of(SignatureAlgorithm.RSA_PSS_RSAE_SHA256, SignatureAlgorithm.RSA_PSS_RSAE_SHA384,
                SignatureAlgorithm.RSA_PSS_RSAE_SHA512), SignatureScheme.RSA_PSS_RSAE_SHA256);

        final String certificateKey;
        final List<SignatureAlgorithm> algorithms;
        final SignatureScheme chosen;

        KeyKind(String certificateKey, List<SignatureAlgorithm> algorithms, SignatureScheme chosen) {
            this.certificateKey = certificateKey;
            this.algorithms = algorithms;
            this.chosen = chosen;
        }

        ServerConfig server() {
            byte[] privateKey = TestCertificates.filled(0x33 + ordinal());
            byte[] certificate = TestCertificates.server(privateKey, PKI.rootKey(), TestCertificates.ROOT_NAME)
                    .key(certificateKey, InsecureTestCrypto.publicKeyOf(privateKey)).build();
            SigningKey key = this == ED25519 ? CRYPTO.ed25519SigningKey(privateKey)
                    : InsecureTestCrypto.signingKey(privateKey, algorithms);
            return new ServerConfig(CRYPTO, FixedRandom.counting(), certificate, key, HandshakeObserver.NONE);
        }
    }

    private final InMemoryTls13Records[] ends = InMemoryTls13Records.pair();
    private final InMemoryTls13Records client = ends[0];
    private final InMemoryTls13Records server = ends[1];
    private final List<HandshakeMessage> sentByServer = new CopyOnWriteArrayList<>();
    private final List<HandshakeMessage> sentByClient = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void eachKindOfKeySignsWithTheFirstOfTheClientsSchemesItMakesAndTheClientVerifiesIt(KeyKind kind)
            throws Exception {
        CompletableFuture<Tls13Session> accepted = serve(kind);
        Tls13Session session = connect();
        accepted.get(PATIENCE, TimeUnit.SECONDS);
        assertThat(certificateVerify().scheme()).isEqualTo(kind.chosen);
        session.send(new byte[] {42});
    }

    @Test
    void theClientOffersEveryCertificateVerifySchemeAndRsaPkcs1OnlyForCertificates() throws Exception {
        CompletableFuture<Tls13Session> accepted = serve(KeyKind.ED25519);
        connect();
        accepted.get(PATIENCE, TimeUnit.SECONDS);
        ClientHello hello = (ClientHello) sentByClient.get(0);
        List<SignatureScheme> offered = List.of(SignatureScheme.ED25519, SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                SignatureScheme.RSA_PSS_RSAE_SHA512);
        assertThat(hello.extensions()).contains(new Extension.SignatureAlgorithms(offered));
        List<SignatureScheme> forCertificates = new ArrayList<>(offered);
        forCertificates.add(SignatureScheme.RSA_PKCS1_SHA256);
        assertThat(hello.extensions()).contains(new Extension.SignatureAlgorithmsCert(forCertificates));
    }

    @Test
    void theServerFollowsTheClientsOrderAmongTheSchemesItsKeyMakes() throws Exception {
        client.tamper(offering(SignatureScheme.ED25519, SignatureScheme.RSA_PSS_RSAE_SHA512,
                SignatureScheme.RSA_PSS_RSAE_SHA256));
        CompletableFuture<Tls13Session> accepted = serve(KeyKind.RSA);
        connect();
        accepted.get(PATIENCE, TimeUnit.SECONDS);
        assertThat(certificateVerify().scheme()).isEqualTo(SignatureScheme.RSA_PSS_RSAE_SHA512);
    }

    @Test
    void noSchemeTheServersKeyMakesIsAHandshakeFailure() {
        client.tamper(offering(SignatureScheme.ED25519, SignatureScheme.RSA_PSS_RSAE_SHA256));
        CompletableFuture<Tls13Session> accepted = serve(KeyKind.ECDSA_P256);
        assertThatThrownBy(this::connect).isInstanceOf(ProtocolException.class);
        assertServerRefused(accepted, Failure.NO_SHARED_PARAMETERS, Alert.HANDSHAKE_FAILURE);
    }

    @Test
    void rsaPkcs1IsNeverUsedForACertificateVerify() {
        client.tamper(offering(SignatureScheme.RSA_PKCS1_SHA256));
        CompletableFuture<Tls13Session> accepted = serve(KeyKind.RSA);
        assertThatThrownBy(this::connect).isInstanceOf(ProtocolException.class);
        assertServerRefused(accepted, Failure.NO_SHARED_PARAMETERS, Alert.HANDSHAKE_FAILURE);
    }

    @Test
    void aSchemeTheClientDidNotOfferIsIllegal() {
        server.tamper(certificateVerifyAs(SignatureScheme.RSA_PKCS1_SHA256));
        assertClientRefuses(KeyKind.RSA, Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void anOfferedSchemeThatDoesNotFitTheCertificatesKeyIsIllegal() {
        server.tamper(certificateVerifyAs(SignatureScheme.ED25519));
        assertClientRefuses(KeyKind.ECDSA_P256, Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void anRsaSignatureUnderAnotherHashThanItsSchemeSaysIsADecryptError() {
        server.tamper(certificateVerifyAs(SignatureScheme.RSA_PSS_RSAE_SHA384));
        assertClientRefuses(KeyKind.RSA, Failure.BAD_SIGNATURE, Alert.DECRYPT_ERROR);
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void aFlippedSignatureIsADecryptError(KeyKind kind) {
        server.tamper(message -> message instanceof CertificateVerify verify
                ? new CertificateVerify(verify.scheme(), flipped(verify.signature())) : message);
        assertClientRefuses(kind, Failure.BAD_SIGNATURE, Alert.DECRYPT_ERROR);
    }

    @Test
    void aServerWithAnEcdsaOrRsaKeyRefusesV1AndV2ClientsWhichTakeEd25519Only() {
        for (KeyKind kind : List.of(KeyKind.ECDSA_P256, KeyKind.RSA)) {
            ServerConfig config = kind.server();
            for (ProtocolVersion protocol : ProtocolVersion.jsonLinesProtocols()) {
                assertThatThrownBy(() -> config.requireAccepted(protocol)).isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED_VERSION));
            }
            config.requireAccepted(ProtocolVersion.TLS13);
        }
        KeyKind.ED25519.server().requireAccepted(ProtocolVersion.V2);
    }

    @Test
    void aServerWithAChainSendsItLeafFirstInTls13AndRefusesV1AndV2() throws Exception {
        ServerConfig single = KeyKind.ECDSA_P256.server();
        byte[] intermediate = TestCertificates.root(TestCertificates.filled(0x44), "CN=Intermediate")
                .signedBy(PKI.rootKey(), TestCertificates.ROOT_NAME).build();
        byte[] chainPem = concat(single.certificatePem(), intermediate);
        ServerConfig chained = new ServerConfig(CRYPTO, FixedRandom.counting(), chainPem,
                InsecureTestCrypto.signingKey(TestCertificates.filled(0x33 + KeyKind.ECDSA_P256.ordinal()),
                        KeyKind.ECDSA_P256.algorithms), HandshakeObserver.NONE);
        UnaryOperator<HandshakeMessage> tamper = server.tampering();
        server.tamper(message -> record(sentByServer, tamper.apply(message)));
        CompletableFuture<Tls13Session> accepted = CompletableFuture.supplyAsync(
                () -> Tls13ServerHandshake.accept(server, chained, Tls13Settings.DEFAULT));
        connect();
        accepted.get(PATIENCE, TimeUnit.SECONDS);
        CertificateMessage certificate = sentByServer.stream().filter(CertificateMessage.class::isInstance)
                .map(CertificateMessage.class::cast).findFirst().orElseThrow();
        assertThat(certificate.entries()).extracting(CertificateMessage.Entry::der).containsExactly(
                Pem.decode(Pem.CERTIFICATE, single.certificatePem()), Pem.decode(Pem.CERTIFICATE, intermediate));

        ServerConfig ed25519Chain = new ServerConfig(CRYPTO, FixedRandom.counting(),
                concat(PKI.serverPem(), intermediate), CRYPTO.ed25519SigningKey(PKI.serverKey()),
                HandshakeObserver.NONE);
        assertThatThrownBy(() -> ed25519Chain.requireAccepted(ProtocolVersion.V2)).isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED_VERSION));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        byte[] certificate = KeyKind.ECDSA_P256.server().certificatePem();
        SigningKey other = InsecureTestCrypto.signingKey(TestCertificates.filled(0x7f),
                List.of(SignatureAlgorithm.ECDSA_SECP256R1_SHA256));
        assertThatThrownBy(() -> new ServerConfig(CRYPTO, FixedRandom.counting(), certificate, other,
                HandshakeObserver.NONE)).isInstanceOf(IllegalArgumentException.class);
    }

    private CompletableFuture<Tls13Session> serve(KeyKind kind) {
        UnaryOperator<HandshakeMessage> tamper = server.tampering();
        server.tamper(message -> record(sentByServer, tamper.apply(message)));
        ServerConfig config = kind.server();
        return CompletableFuture.supplyAsync(() -> Tls13ServerHandshake.accept(server, config,
                Tls13Settings.DEFAULT));
    }

    private Tls13Session connect() {
        UnaryOperator<HandshakeMessage> tamper = client.tampering();
        client.tamper(message -> record(sentByClient, tamper.apply(message)));
        return Tls13ClientHandshake.connect(client, TestPeers.client(CRYPTO, PKI, ProtocolVersion.V2),
                Tls13Settings.DEFAULT, TrustFixture::trustAsIs);
    }

    private static HandshakeMessage record(List<HandshakeMessage> sent, HandshakeMessage message) {
        sent.add(message);
        return message;
    }

    private CertificateVerify certificateVerify() {
        return sentByServer.stream().filter(CertificateVerify.class::isInstance).map(CertificateVerify.class::cast)
                .findFirst().orElseThrow();
    }

    private void assertClientRefuses(KeyKind kind, Failure failure, Alert alert) {
        serve(kind);
        assertThatThrownBy(this::connect).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.failure()).isEqualTo(failure));
        assertThat(client.alertsSent).containsExactly(alert);
        assertThat(client.isClosed()).isTrue();
    }

    private void assertServerRefused(CompletableFuture<Tls13Session> accepted, Failure failure, Alert alert) {
        assertThatThrownBy(() -> accepted.get(PATIENCE, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(failure));
        assertThat(server.alertsSent).containsExactly(alert);
    }

    /** The client's ClientHello with only {@code schemes} in signature_algorithms. */
    private static UnaryOperator<HandshakeMessage> offering(SignatureScheme... schemes) {
        return message -> {
            if (!(message instanceof ClientHello hello)) {
                return message;
            }
            List<Extension> extensions = hello.extensions().stream().map(extension -> extension
                    instanceof Extension.SignatureAlgorithms ? new Extension.SignatureAlgorithms(List.of(schemes))
                    : extension).toList();
            return new ClientHello(hello.legacyVersion(), hello.random(), hello.legacySessionId(),
                    hello.cipherSuites(), hello.legacyCompressionMethods(), extensions);
        };
    }

    /** The server's CertificateVerify, its signature as made, labelled {@code scheme}. */
    private static UnaryOperator<HandshakeMessage> certificateVerifyAs(SignatureScheme scheme) {
        return message -> message instanceof CertificateVerify verify
                ? new CertificateVerify(scheme, verify.signature()) : message;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] flipped(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[0] ^= 1;
        return copy;
    }
}
