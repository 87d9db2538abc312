package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.EncryptedExtensions;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.tls13.NewSessionTicket;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.tls13.SignatureScheme;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.ForwardingTls13Records;
import dev.minitls.testing.InMemoryTls13Records;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestPeers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TLS 1.3 handshakes and session over {@link InMemoryTls13Records}: whole handshakes for each suite, then what
 * each side refuses and with which alert, a hostile peer's messages made by rewriting the honest peer's or written
 * by the test itself.
 */
class Tls13HandshakeTest {

    private static final InsecureTestCrypto CRYPTO = new InsecureTestCrypto();
    private static final TestCertificates.Pki PKI = TestCertificates.pki();
    private static final long PATIENCE = 20;

    private final InMemoryTls13Records[] ends = InMemoryTls13Records.pair();
    private final InMemoryTls13Records client = ends[0];
    private final InMemoryTls13Records server = ends[1];

    static List<CipherSuite> suites() {
        return Tls13Settings.DEFAULT.suites();
    }

    @ParameterizedTest
    @MethodSource("suites")
    void bothSidesConnectAndExchangeDataAcrossKeyUpdatesAndClose(CipherSuite suite) throws Exception {
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT);
        Tls13Session session = connect(Tls13Settings.only(suite));
        Tls13Session serverSession = accepted.get(PATIENCE, TimeUnit.SECONDS);
        assertThat(session.cipherSuite()).isEqualTo(suite.name());
        assertThat(serverSession.cipherSuite()).isEqualTo(suite.name());

        session.send(ascii("ping"));
        assertThat(serverSession.receive()).hasValueSatisfying(data -> assertThat(data).isEqualTo(ascii("ping")));
        session.requestKeyUpdate();
        session.send(ascii("after the client's update"));
        // The server reads the KeyUpdate, answers it with its own, then reads under the client's next key.
        assertThat(serverSession.receive()).hasValueSatisfying(
                data -> assertThat(data).isEqualTo(ascii("after the client's update")));
        serverSession.send(ascii("pong"));
        assertThat(session.receive()).hasValueSatisfying(data -> assertThat(data).isEqualTo(ascii("pong")));
        serverSession.requestKeyUpdate();
        serverSession.send(ascii("after the server's update"));
        assertThat(session.receive()).hasValueSatisfying(
                data -> assertThat(data).isEqualTo(ascii("after the server's update")));

        session.close();
        assertThat(serverSession.receive()).isEmpty();
        assertThat(client.alertsSent).containsExactly(Alert.CLOSE_NOTIFY);
    }

    @Test
    void theServerPicksTheFirstOfItsOwnSuitesThatTheClientOffers() throws Exception {
        CompletableFuture<Tls13Session> accepted = serve(new Tls13Settings(List.of(
                CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256), List.of(NamedGroup.X25519)));
        Tls13Session session = connect(Tls13Settings.DEFAULT);
        assertThat(session.cipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(accepted.get(PATIENCE, TimeUnit.SECONDS).cipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
    }

    @Test
    void theClientIgnoresNewSessionTicketsButNoOtherHandshakeMessageAfterTheHandshake() throws Exception {
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT);
        Tls13Session session = connect(Tls13Settings.DEFAULT);
        accepted.get(PATIENCE, TimeUnit.SECONDS);
        server.inject(new Tls13Records.HandshakeIn(new NewSessionTicket(7200, 1, new byte[0], new byte[] {1},
                List.of()), ascii("ticket")));
        server.sendData(ascii("data after the ticket"));
        assertThat(session.receive()).hasValueSatisfying(
                data -> assertThat(data).isEqualTo(ascii("data after the ticket")));
        server.inject(new Tls13Records.HandshakeIn(new EncryptedExtensions(List.of()), ascii("late")));
        assertThatThrownBy(session::receive).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.UNEXPECTED_MESSAGE));
        assertThat(client.alertsSent).containsExactly(Alert.UNEXPECTED_MESSAGE);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void aClientAskedForAnIpAddressSendsNoServerNameAndNoCertificatesDnsNameMatchesIt() throws Exception {
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT);
        List<Extension> sent = new CopyOnWriteArrayList<>();
        Tls13Records noting = new ForwardingTls13Records(client) {
            @Override
            public byte[] send(HandshakeMessage message) {
                if (message instanceof ClientHello hello) {
                    sent.addAll(hello.extensions());
                }
                return super.send(message);
            }
        };
        ClientConfig config = new ClientConfig(CRYPTO, FixedRandom.counting(),
                Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC), PKI.root(), "127.0.0.1",
                ProtocolVersion.V2, HandshakeObserver.NONE);

        assertThatThrownBy(() -> Tls13ClientHandshake.connect(noting, config, Tls13Settings.DEFAULT))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.NAME_MISMATCH));
        assertThat(sent).isNotEmpty().noneMatch(Extension.ServerName.class::isInstance);
        accepted.exceptionally(e -> null);
    }

    // What the client refuses in the server's messages, and the alert it sends.

    @Test
    void aServerHelloWithoutSupportedVersionsIsAServerWithoutTls13() {
        server.tamper(only(ServerHello.class, hello -> withExtensions(hello,
                hello.extensions().stream().filter(e -> !(e instanceof Extension.SelectedVersion)).toList())));
        assertClientRefuses(Tls13Settings.DEFAULT, Failure.UNSUPPORTED_VERSION, Alert.PROTOCOL_VERSION);
    }

    @Test
    void aServerHelloChoosingAnotherVersionIsRefused() {
        server.tamper(only(ServerHello.class, hello -> withExtensions(hello, replace(hello.extensions(),
                Extension.SelectedVersion.class, new Extension.SelectedVersion(0x0303)))));
        assertClientRefuses(Tls13Settings.DEFAULT, Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void aSuiteTheClientDidNotOfferIsRefused() {
        server.tamper(only(ServerHello.class, hello -> new ServerHello(hello.legacyVersion(), hello.random(),
                hello.legacySessionIdEcho(), CipherSuite.TLS_AES_256_GCM_SHA384, 0, hello.extensions())));
        assertClientRefuses(Tls13Settings.only(CipherSuite.TLS_AES_128_GCM_SHA256), Failure.ILLEGAL_PARAMETER,
                Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void aKeyShareOfTheWrongLengthIsRefused() {
        server.tamper(only(ServerHello.class, hello -> withExtensions(hello, replace(hello.extensions(),
                Extension.ServerKeyShare.class, new Extension.ServerKeyShare(
                        new Extension.KeyShareEntry(NamedGroup.X25519, new byte[31]))))));
        assertClientRefuses(Tls13Settings.DEFAULT, Failure.BAD_KEY_SHARE, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void aKeyShareForAGroupTheClientSentNoShareForIsRefused() {
        server.tamper(only(ServerHello.class, hello -> withExtensions(hello, replace(hello.extensions(),
                Extension.ServerKeyShare.class, new Extension.ServerKeyShare(
                        new Extension.KeyShareEntry(NamedGroup.SECP256R1, new byte[65]))))));
        assertClientRefuses(Tls13Settings.DEFAULT, Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void aSessionIdNotEchoedIsRefused() {
        server.tamper(only(ServerHello.class, hello -> new ServerHello(hello.legacyVersion(), hello.random(),
                new byte[32], hello.cipherSuite(), 0, hello.extensions())));
        assertClientRefuses(Tls13Settings.DEFAULT, Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void anExtensionTheClientDidNotOfferInEncryptedExtensionsIsRefused() {
        server.tamper(only(EncryptedExtensions.class,
                message -> new EncryptedExtensions(List.of(new Extension.Unknown(0x4242, new byte[0])))));
        assertClientRefuses(Tls13Settings.DEFAULT, Failure.UNSUPPORTED_EXTENSION, Alert.UNSUPPORTED_EXTENSION);
    }

    @Test
    void aFlippedCertificateVerifyIsRefusedWithDecryptError() {
        server.tamper(only(CertificateVerify.class,
                verify -> new CertificateVerify(verify.scheme(), flipped(verify.signature()))));
        assertClientRefuses(Tls13Settings.DEFAULT, Failure.BAD_SIGNATURE, Alert.DECRYPT_ERROR);
    }

    @Test
    void aCertificateVerifyWithASchemeNotOfferedIsRefused() {
        server.tamper(only(CertificateVerify.class,
                verify -> new CertificateVerify(SignatureScheme.RSA_PSS_RSAE_SHA256, verify.signature())));
        assertClientRefuses(Tls13Settings.DEFAULT, Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void aFlippedServerFinishedIsRefusedWithDecryptError() {
        server.tamper(only(Finished.class, finished -> new Finished(flipped(finished.verifyData()))));
        assertClientRefuses(Tls13Settings.DEFAULT, Failure.BAD_FINISHED, Alert.DECRYPT_ERROR);
    }

    @Test
    void aFlippedClientFinishedIsRefusedByTheServerWithDecryptError() {
        client.tamper(only(Finished.class, finished -> new Finished(flipped(finished.verifyData()))));
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT);
        connect(Tls13Settings.DEFAULT);
        assertThatThrownBy(() -> accepted.get(PATIENCE, TimeUnit.SECONDS)).hasCauseInstanceOf(
                ProtocolException.class).cause().satisfies(
                        e -> assertThat(((ProtocolException) e).failure()).isEqualTo(Failure.BAD_FINISHED));
        assertThat(server.alertsSent).containsExactly(Alert.DECRYPT_ERROR);
    }

    // HelloRetryRequest, with the test as the server (section 4.1.4).

    @Test
    void aHelloRetryRequestWithACookieGetsASecondClientHelloAndASecondOneIsUnexpected() throws Exception {
        CompletableFuture<Tls13Session> connecting = CompletableFuture.supplyAsync(() -> connect(Tls13Settings.DEFAULT));
        ClientHello first = (ClientHello) ((Tls13Records.HandshakeIn) server.receive()).message();
        server.send(retry(first, List.of(new Extension.SelectedVersion(0x0304),
                new Extension.Cookie(ascii("state")))));
        server.flush();
        ClientHello second = (ClientHello) ((Tls13Records.HandshakeIn) server.receive()).message();
        assertThat(second.random()).isEqualTo(first.random());
        assertThat(second.legacySessionId()).isEqualTo(first.legacySessionId());
        assertThat(Extension.find(second.extensions(), Extension.Cookie.class))
                .hasValueSatisfying(cookie -> assertThat(cookie.cookie()).isEqualTo(ascii("state")));
        server.send(retry(second, List.of(new Extension.SelectedVersion(0x0304),
                new Extension.Cookie(ascii("again")))));
        server.flush();
        assertThatThrownBy(() -> connecting.get(PATIENCE, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UNEXPECTED_MESSAGE));
        assertThat(client.alertsSent).containsExactly(Alert.UNEXPECTED_MESSAGE);
    }

    @Test
    void aHelloRetryRequestForTheGroupTheClientAlreadySharedIsIllegal() throws Exception {
        CompletableFuture<Tls13Session> connecting = CompletableFuture.supplyAsync(() -> connect(Tls13Settings.DEFAULT));
        ClientHello first = (ClientHello) ((Tls13Records.HandshakeIn) server.receive()).message();
        server.send(retry(first, List.of(new Extension.SelectedVersion(0x0304),
                new Extension.RetryKeyShare(NamedGroup.X25519))));
        server.flush();
        assertThatThrownBy(() -> connecting.get(PATIENCE, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(Failure.ILLEGAL_PARAMETER));
        assertThat(client.alertsSent).containsExactly(Alert.ILLEGAL_PARAMETER);
    }

    // What the server refuses in a ClientHello, with the test as the client.

    @Test
    void aClientHelloWithoutTls13IsRefusedWithProtocolVersion() {
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT);
        client.send(clientHello(List.of(new Extension.SupportedGroups(List.of(NamedGroup.X25519)),
                new Extension.SignatureAlgorithms(List.of(SignatureScheme.ED25519)),
                share(NamedGroup.X25519, 32))));
        client.flush();
        assertServerRefused(accepted, Failure.UNSUPPORTED_VERSION, Alert.PROTOCOL_VERSION);
    }

    @Test
    void aClientHelloWithoutAKeyShareExtensionIsMissingAnExtension() {
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT);
        client.send(clientHello(List.of(new Extension.OfferedVersions(List.of(0x0304)),
                new Extension.SupportedGroups(List.of(NamedGroup.X25519)),
                new Extension.SignatureAlgorithms(List.of(SignatureScheme.ED25519)))));
        client.flush();
        assertServerRefused(accepted, Failure.MISSING_EXTENSION, Alert.MISSING_EXTENSION);
    }

    @Test
    void noCommonGroupIsAHandshakeFailure() {
        CompletableFuture<Tls13Session> accepted =
                serve(Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.X25519)));
        client.send(clientHello(helloExtensions(List.of(NamedGroup.SECP256R1), share(NamedGroup.SECP256R1, 65))));
        client.flush();
        assertServerRefused(accepted, Failure.NO_SHARED_PARAMETERS, Alert.HANDSHAKE_FAILURE);
    }

    @Test
    void aClientHelloWithoutAShareForTheServersGroupGetsAHelloRetryRequestThenTheHandshakeGoesOn() {
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT);
        ClientHello first = clientHello(helloExtensions(List.of(NamedGroup.SECP256R1, NamedGroup.X25519),
                share(NamedGroup.SECP256R1, 65)));
        client.send(first);
        client.flush();
        ServerHello retry = (ServerHello) ((Tls13Records.HandshakeIn) client.receive()).message();
        assertThat(retry.isHelloRetryRequest()).isTrue();
        assertThat(retry.legacySessionIdEcho()).isEqualTo(first.legacySessionId());
        assertThat(Extension.find(retry.extensions(), Extension.RetryKeyShare.class))
                .hasValueSatisfying(group -> assertThat(group.selectedGroup()).isEqualTo(NamedGroup.X25519));

        client.send(clientHello(helloExtensions(List.of(NamedGroup.SECP256R1, NamedGroup.X25519),
                new Extension.ClientKeyShares(List.of(new Extension.KeyShareEntry(NamedGroup.X25519,
                        CRYPTO.x25519PublicKey(new byte[32])))))));
        client.flush();
        ServerHello hello = (ServerHello) ((Tls13Records.HandshakeIn) client.receive()).message();
        assertThat(hello.isHelloRetryRequest()).isFalse();
        assertThat(hello.cipherSuite()).isEqualTo(retry.cipherSuite());
        assertThat(Extension.find(hello.extensions(), Extension.ServerKeyShare.class))
                .hasValueSatisfying(share -> assertThat(share.share().group()).isEqualTo(NamedGroup.X25519));
        client.close();
        accepted.cancel(true);
    }

    @Test
    void aSecondClientHelloStillWithoutTheShareIsIllegal() {
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT);
        List<Extension> withoutX25519Share = helloExtensions(List.of(NamedGroup.SECP256R1, NamedGroup.X25519),
                share(NamedGroup.SECP256R1, 65));
        client.send(clientHello(withoutX25519Share));
        client.flush();
        client.receive();
        client.send(clientHello(withoutX25519Share));
        client.flush();
        assertServerRefused(accepted, Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void aSecondClientHelloWithAnotherRandomIsIllegal() {
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT);
        client.send(clientHello(helloExtensions(List.of(NamedGroup.SECP256R1, NamedGroup.X25519),
                share(NamedGroup.SECP256R1, 65))));
        client.flush();
        client.receive();
        byte[] otherRandom = new byte[32];
        otherRandom[0] = 1;
        client.send(new ClientHello(0x0303, otherRandom, new byte[32], Tls13Settings.DEFAULT.suites(),
                new byte[] {0}, helloExtensions(List.of(NamedGroup.SECP256R1, NamedGroup.X25519),
                        new Extension.ClientKeyShares(List.of(new Extension.KeyShareEntry(NamedGroup.X25519,
                                CRYPTO.x25519PublicKey(new byte[32])))))));
        client.flush();
        assertServerRefused(accepted, Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER);
    }

    // secp256r1 (RFC 8446 sections 4.2.7, 4.2.8.2) beside x25519, and the HelloRetryRequest between two minitls.

    private static final List<NamedGroup> BOTH_GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);

    @Test
    void bothSidesAgreeOnSecp256r1WhenTheClientSharesIt() throws Exception {
        List<HandshakeMessage> serverSent = spy(server);
        CompletableFuture<Tls13Session> accepted =
                serve(Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.SECP256R1)));
        Tls13Session session = connect(Tls13Settings.DEFAULT.withGroups(
                List.of(NamedGroup.SECP256R1, NamedGroup.X25519)));
        Tls13Session serverSession = accepted.get(PATIENCE, TimeUnit.SECONDS);
        session.send(ascii("over P-256"));
        assertThat(serverSession.receive()).hasValueSatisfying(data -> assertThat(data).isEqualTo(ascii("over P-256")));
        ServerHello hello = (ServerHello) serverSent.get(0);
        assertThat(hello.isHelloRetryRequest()).isFalse();
        assertThat(Extension.find(hello.extensions(), Extension.ServerKeyShare.class)).hasValueSatisfying(share -> {
            assertThat(share.share().group()).isEqualTo(NamedGroup.SECP256R1);
            assertThat(share.share().keyExchange()).hasSize(65).startsWith(4);
        });
    }

    @Test
    void theClientOffersItsGroupsInOrderWithOneShareForItsFirst() throws Exception {
        List<HandshakeMessage> clientSent = spy(client);
        serve(Tls13Settings.DEFAULT);
        connect(Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.SECP256R1, NamedGroup.X25519)));
        ClientHello hello = (ClientHello) clientSent.get(0);
        assertThat(Extension.find(hello.extensions(), Extension.SupportedGroups.class)).hasValueSatisfying(
                groups -> assertThat(groups.groups()).containsExactly(NamedGroup.SECP256R1, NamedGroup.X25519));
        assertThat(Extension.find(hello.extensions(), Extension.ClientKeyShares.class)).hasValueSatisfying(
                shares -> assertThat(shares.shares()).extracting(Extension.KeyShareEntry::group)
                        .containsExactly(NamedGroup.SECP256R1));
    }

    @Test
    void theServerPrefersItsOwnGroupAndRetriesUntilTheClientSharesIt() throws Exception {
        List<HandshakeMessage> serverSent = spy(server);
        List<HandshakeMessage> clientSent = spy(client);
        CompletableFuture<Tls13Session> accepted = serve(Tls13Settings.DEFAULT.withGroups(
                List.of(NamedGroup.SECP256R1, NamedGroup.X25519)));
        Tls13Session session = connect(Tls13Settings.DEFAULT.withGroups(BOTH_GROUPS));
        Tls13Session serverSession = accepted.get(PATIENCE, TimeUnit.SECONDS);
        serverSession.send(ascii("after a retry"));
        assertThat(session.receive()).hasValueSatisfying(data -> assertThat(data).isEqualTo(ascii("after a retry")));

        ServerHello retry = (ServerHello) serverSent.get(0);
        assertThat(retry.isHelloRetryRequest()).isTrue();
        assertThat(Extension.find(retry.extensions(), Extension.RetryKeyShare.class)).hasValueSatisfying(
                group -> assertThat(group.selectedGroup()).isEqualTo(NamedGroup.SECP256R1));
        assertThat(((ServerHello) serverSent.get(1)).isHelloRetryRequest()).isFalse();
        ClientHello first = (ClientHello) clientSent.get(0);
        ClientHello second = (ClientHello) clientSent.get(1);
        assertThat(second.random()).isEqualTo(first.random());
        assertThat(Extension.find(second.extensions(), Extension.ClientKeyShares.class)).hasValueSatisfying(
                shares -> assertThat(shares.shares()).extracting(Extension.KeyShareEntry::group)
                        .containsExactly(NamedGroup.SECP256R1));
        assertThat(Extension.find(second.extensions(), Extension.Cookie.class)).isEmpty();
    }

    @Test
    void aHelloRetryRequestForAGroupTheClientDidNotOfferIsIllegal() throws Exception {
        CompletableFuture<Tls13Session> connecting = CompletableFuture.supplyAsync(
                () -> connect(Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.X25519))));
        ClientHello first = (ClientHello) ((Tls13Records.HandshakeIn) server.receive()).message();
        server.send(retry(first, List.of(new Extension.SelectedVersion(0x0304),
                new Extension.RetryKeyShare(NamedGroup.SECP256R1))));
        server.flush();
        assertThatThrownBy(() -> connecting.get(PATIENCE, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(Failure.ILLEGAL_PARAMETER));
        assertThat(client.alertsSent).containsExactly(Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void aSecondHelloRetryRequestAfterAGroupRetryIsUnexpected() throws Exception {
        CompletableFuture<Tls13Session> connecting = CompletableFuture.supplyAsync(
                () -> connect(Tls13Settings.DEFAULT.withGroups(BOTH_GROUPS)));
        ClientHello first = (ClientHello) ((Tls13Records.HandshakeIn) server.receive()).message();
        server.send(retry(first, List.of(new Extension.SelectedVersion(0x0304),
                new Extension.RetryKeyShare(NamedGroup.SECP256R1))));
        server.flush();
        ClientHello second = (ClientHello) ((Tls13Records.HandshakeIn) server.receive()).message();
        assertThat(Extension.find(second.extensions(), Extension.ClientKeyShares.class)).hasValueSatisfying(
                shares -> assertThat(shares.shares()).extracting(Extension.KeyShareEntry::group)
                        .containsExactly(NamedGroup.SECP256R1));
        server.send(retry(second, List.of(new Extension.SelectedVersion(0x0304),
                new Extension.RetryKeyShare(NamedGroup.X25519))));
        server.flush();
        assertThatThrownBy(() -> connecting.get(PATIENCE, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UNEXPECTED_MESSAGE));
        assertThat(client.alertsSent).containsExactly(Alert.UNEXPECTED_MESSAGE);
    }

    static List<byte[]> badSecp256r1Shares() {
        byte[] offCurve = new byte[65];
        offCurve[0] = 4;
        offCurve[64] = 1;
        byte[] compressed = new byte[33];
        compressed[0] = 2;
        byte[] identity = new byte[65];
        identity[0] = 4;
        byte[] hybrid = new byte[65];
        hybrid[0] = 6;
        return List.of(offCurve, compressed, identity, hybrid, new byte[64], new byte[66], new byte[0]);
    }

    @ParameterizedTest
    @MethodSource("badSecp256r1Shares")
    void theClientRefusesASecp256r1ShareThatIsNoUncompressedPointOnTheCurve(byte[] bad) {
        server.tamper(only(ServerHello.class, hello -> withExtensions(hello, replace(hello.extensions(),
                Extension.ServerKeyShare.class, new Extension.ServerKeyShare(
                        new Extension.KeyShareEntry(NamedGroup.SECP256R1, bad))))));
        serve(Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.SECP256R1)));
        assertThatThrownBy(() -> connect(Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.SECP256R1))))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.BAD_KEY_SHARE));
        assertThat(client.alertsSent).containsExactly(Alert.ILLEGAL_PARAMETER);
    }

    @ParameterizedTest
    @MethodSource("badSecp256r1Shares")
    void theServerRefusesASecp256r1ShareThatIsNoUncompressedPointOnTheCurve(byte[] bad) {
        CompletableFuture<Tls13Session> accepted =
                serve(Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.SECP256R1)));
        client.send(clientHello(helloExtensions(List.of(NamedGroup.SECP256R1),
                new Extension.ClientKeyShares(List.of(new Extension.KeyShareEntry(NamedGroup.SECP256R1, bad))))));
        client.flush();
        assertServerRefused(accepted, Failure.BAD_KEY_SHARE, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void settingsRefuseAGroupMinitlsDoesNotImplementOrOneNamedTwice() {
        assertThatThrownBy(() -> Tls13Settings.DEFAULT.withGroups(List.of(new NamedGroup(0x0018))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp384r1");
        assertThatThrownBy(() -> Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.X25519, NamedGroup.X25519)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    private CompletableFuture<Tls13Session> serve(Tls13Settings settings) {
        return CompletableFuture.supplyAsync(
                () -> Tls13ServerHandshake.accept(server, TestPeers.server(CRYPTO, PKI), settings));
    }

    private Tls13Session connect(Tls13Settings settings) {
        return Tls13ClientHandshake.connect(client, TestPeers.client(CRYPTO, PKI, ProtocolVersion.V2), settings);
    }

    private void assertClientRefuses(Tls13Settings settings, Failure failure, Alert alert) {
        serve(Tls13Settings.DEFAULT);
        assertThatThrownBy(() -> connect(settings)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.failure()).isEqualTo(failure));
        assertThat(client.alertsSent).containsExactly(alert);
        assertThat(client.isClosed()).isTrue();
    }

    private void assertServerRefused(CompletableFuture<Tls13Session> accepted, Failure failure, Alert alert) {
        assertThatThrownBy(() -> accepted.get(PATIENCE, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(failure));
        assertThat(server.alertsSent).containsExactly(alert);
        assertThat(server.isClosed()).isTrue();
    }

    /** Records every handshake message {@code end} sends, as sent. */
    private static List<HandshakeMessage> spy(InMemoryTls13Records end) {
        List<HandshakeMessage> sent = new CopyOnWriteArrayList<>();
        end.tamper(message -> {
            sent.add(message);
            return message;
        });
        return sent;
    }

    private static ServerHello retry(ClientHello hello, List<Extension> extensions) {
        return new ServerHello(0x0303, ServerHello.helloRetryRequestRandom(), hello.legacySessionId(),
                CipherSuite.TLS_AES_128_GCM_SHA256, 0, extensions);
    }

    private static ClientHello clientHello(List<Extension> extensions) {
        return new ClientHello(0x0303, new byte[32], new byte[32], Tls13Settings.DEFAULT.suites(), new byte[] {0},
                extensions);
    }

    private static List<Extension> helloExtensions(List<NamedGroup> groups, Extension shares) {
        return List.of(new Extension.OfferedVersions(List.of(0x0304)), new Extension.SupportedGroups(groups),
                new Extension.SignatureAlgorithms(List.of(SignatureScheme.ED25519)), shares);
    }

    private static Extension share(NamedGroup group, int length) {
        return new Extension.ClientKeyShares(List.of(new Extension.KeyShareEntry(group, new byte[length])));
    }

    @SuppressWarnings("unchecked")
    private static <T extends HandshakeMessage> UnaryOperator<HandshakeMessage> only(Class<T> kind,
            UnaryOperator<T> rewrite) {
        return message -> kind.isInstance(message) ? rewrite.apply((T) message) : message;
    }

    private static ServerHello withExtensions(ServerHello hello, List<Extension> extensions) {
        return new ServerHello(hello.legacyVersion(), hello.random(), hello.legacySessionIdEcho(),
                hello.cipherSuite(), hello.legacyCompressionMethod(), extensions);
    }

    private static List<Extension> replace(List<Extension> extensions, Class<? extends Extension> kind,
            Extension replacement) {
        List<Extension> replaced = new ArrayList<>();
        for (Extension extension : extensions) {
            replaced.add(kind.isInstance(extension) ? replacement : extension);
        }
        return replaced;
    }

    private static byte[] flipped(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[0] ^= 1;
        return copy;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
