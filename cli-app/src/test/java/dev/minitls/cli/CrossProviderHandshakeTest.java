package dev.minitls.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.support.Providers;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.CertificateAuthority;
import dev.minitls.crypto.bc.IssuanceRequest;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.TestPeers;
import dev.minitls.transport.json.JsonLinesV1Codec;
import dev.minitls.transport.json.JsonLinesV2Codec;
import dev.minitls.transport.tcp.TcpConnector;
import dev.minitls.transport.tcp.TcpServer;
import dev.minitls.transport.tcp.TcpServerOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pairing of crypto providers completes a handshake in each protocol and exchanges records both ways, in
 * memory and over loopback sockets, with certificates issued by the project's own certificate authority and the
 * real codecs. A provider that disagreed with the other on any primitive would break a signature, a MAC or a record.
 */
class CrossProviderHandshakeTest {

    private static final WireFormats FORMATS = new WireFormats(new JsonLinesV1Codec(), new JsonLinesV2Codec());
    private static final String SERVER_NAME = "example-server";
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock INSIDE_VALIDITY = Clock.fixed(ISSUED.plus(Duration.ofDays(30)), ZoneOffset.UTC);
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** The largest message one record holds, to cross the providers' AES-GCM with more than one block. */
    private static final String LARGEST = "x".repeat(RecordLimits.MAX_PLAINTEXT);
    private static final List<String> MESSAGES = List.of("first message", "second, with ünïcödé", LARGEST);

    private static IssuedMaterial pki;

    @BeforeAll
    static void issueCertificates() {
        pki = new CertificateAuthority(new SecureRandomSource())
                .issue(new IssuanceRequest("minitls Root CA", SERVER_NAME, ISSUED, 365));
    }

    static Stream<Arguments> pairings() {
        return ProtocolVersion.jsonLinesProtocols().stream().flatMap(protocol ->
                Stream.of(CryptoChoice.values()).flatMap(client ->
                        Stream.of(CryptoChoice.values()).map(server -> Arguments.of(protocol, client, server))));
    }

    @ParameterizedTest(name = "{0}, client {1}, server {2}")
    @MethodSource("pairings")
    void handshakeAndRecordsInMemory(ProtocolVersion protocol, CryptoChoice client, CryptoChoice server) {
        TestPeers.Both both = TestPeers.handshake(FakeTransport.pair(), FORMATS, clientConfig(client, protocol),
                serverConfig(server));

        assertThat(both.client().failure()).as("client failure").isNull();
        assertThat(both.server().failure()).as("server failure").isNull();
        SecureChannel clientChannel = both.client().channel();
        SecureChannel serverChannel = both.server().channel();
        assertThat(serverChannel.protocol()).isEqualTo(protocol);
        for (String message : MESSAGES) {
            clientChannel.send(message.getBytes(UTF_8));
            assertThat(serverChannel.receive()).map(CrossProviderHandshakeTest::text).hasValue(message);
            serverChannel.send(reply(message).getBytes(UTF_8));
            assertThat(clientChannel.receive()).map(CrossProviderHandshakeTest::text).hasValue(reply(message));
        }
        clientChannel.close();
        assertThat(serverChannel.receive()).as("after the client closed").isEmpty();
    }

    @ParameterizedTest(name = "{0}, client {1}, server {2}")
    @MethodSource("pairings")
    void handshakeAndRecordsOverLoopbackSockets(ProtocolVersion protocol, CryptoChoice client, CryptoChoice server)
            throws Exception {
        ServerConfig serverConfig = serverConfig(server);
        CompletableFuture<List<String>> served = new CompletableFuture<>();
        try (TcpServer tcp = TcpServer.start(TcpServerOptions.defaults("127.0.0.1", 0),
                connection -> echo(connection, serverConfig, served))) {
            try (SecureChannel channel = ClientHandshake.connect(
                    TcpConnector.connect("127.0.0.1", tcp.port(), PATIENCE, PATIENCE, PATIENCE), FORMATS,
                    clientConfig(client, protocol))) {
                for (String message : MESSAGES) {
                    channel.send(message.getBytes(UTF_8));
                    assertThat(channel.receive()).map(CrossProviderHandshakeTest::text).hasValue(reply(message));
                }
            }
            assertThat(served.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).containsExactlyElementsOf(MESSAGES);
        }
    }

    /**
     * Runs the server handshake, then answers every message until the client closes; completes {@code served} with
     * what it received, or with the failure.
     */
    private static void echo(FrameChannel connection, ServerConfig config, CompletableFuture<List<String>> served) {
        List<String> received = new ArrayList<>();
        try (SecureChannel channel = ServerHandshake.accept(connection, FORMATS, config)) {
            for (Optional<byte[]> message = channel.receive(); message.isPresent(); message = channel.receive()) {
                received.add(text(message.get()));
                channel.send(reply(text(message.get())).getBytes(UTF_8));
            }
            served.complete(received);
        } catch (RuntimeException e) {
            served.completeExceptionally(e);
        }
    }

    private static ClientConfig clientConfig(CryptoChoice choice, ProtocolVersion protocol) {
        CryptoProvider crypto = Providers.of(choice);
        return new ClientConfig(crypto, new SecureRandomSource(), INSIDE_VALIDITY,
                crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, pki.rootCertificatePem().getBytes(US_ASCII))),
                SERVER_NAME, protocol, HandshakeObserver.NONE);
    }

    private static ServerConfig serverConfig(CryptoChoice choice) {
        CryptoProvider crypto = Providers.of(choice);
        return new ServerConfig(crypto, new SecureRandomSource(), pki.serverCertificatePem().getBytes(US_ASCII),
                crypto.signingKey(Pem.decode("PRIVATE KEY", pki.serverPrivateKeyPem().getBytes(US_ASCII))),
                HandshakeObserver.NONE);
    }

    private static String reply(String message) {
        return "server got " + message.length() + " characters";
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
