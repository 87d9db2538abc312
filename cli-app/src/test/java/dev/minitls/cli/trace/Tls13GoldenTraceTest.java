package dev.minitls.cli.trace;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.crypto.bc.CertificateAuthority;
import dev.minitls.crypto.bc.IssuanceRequest;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FixedRandom;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The client's text trace of one tls13 session with pinned inputs (counting randoms, so pinned X25519 keys and
 * randoms on both sides; a PKI issued from counting randomness; a fixed clock), over a real loopback connection, is exactly
 * {@value #RESOURCE}: a change to the trace's shape (a field, a row, a step) is a visible diff. The session: a full
 * handshake in TLS_AES_128_GCM_SHA256, "hello tls13" sent and echoed, then close_notify. The ephemeral port is
 * written {@code PORT}. When the shape changes on purpose, regenerate the file and review its diff:
 *
 * <pre>
 * mvn -q -o verify -pl cli-app -am -Dtest=Tls13GoldenTraceTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dminitls.golden.regenerate=true
 * </pre>
 */
class Tls13GoldenTraceTest {

    static final String RESOURCE = "tls13-golden-trace.txt";
    private static final CryptoProvider CRYPTO = new BcCryptoProvider();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /** The PKI: the certificate authority's keys and serials drawn from counting randomness. */
    private static final IssuedMaterial PKI = new CertificateAuthority(FixedRandom.counting()).issue(
            new IssuanceRequest("minitls golden Root CA", "example-server", Instant.parse("2020-01-01T00:00:00Z"),
                    IssuanceRequest.MAX_VALIDITY_DAYS));
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final byte[] MESSAGE = "hello tls13".getBytes(UTF_8);

    @Test
    void thePinnedSessionsTraceIsTheGoldenText() throws Exception {
        String golden;
        try (InputStream in = Tls13GoldenTraceTest.class.getResourceAsStream("/" + RESOURCE)) {
            assertThat(in).as(RESOURCE + " on the test class path").isNotNull();
            golden = new String(in.readAllBytes(), UTF_8);
        }

        assertThat(trace()).isEqualTo(golden);
    }

    @Test
    @EnabledIfSystemProperty(named = "minitls.golden.regenerate", matches = "true")
    void regenerate() throws Exception {
        String root = System.getProperty("minitls.root");
        assertThat(root).as("system property minitls.root (set by the parent pom)").isNotNull();
        Files.writeString(Path.of(root, "cli-app", "src", "test", "resources", RESOURCE), trace(), UTF_8);
    }

    /** The client's trace of the pinned session, the port replaced. */
    private static String trace() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HandshakeObserver observer = new RecordView(new TracePrinter(new PrintStream(bytes, true, UTF_8),
                Colour.OFF), CRYPTO);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> serve(listener));
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            Tls13Session session;
            try {
                session = Tls13ClientHandshake.connect(
                        SocketTls13Records.client(socket, CRYPTO, PATIENCE, PATIENCE).observedBy(observer),
                        new ClientConfig(CRYPTO, FixedRandom.counting(), Clock.fixed(NOW, ZoneOffset.UTC),
                                CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, ascii(PKI.rootCertificatePem()))),
                                "example-server", ProtocolVersion.TLS13, observer),
                        Tls13Settings.DEFAULT);
            } catch (RuntimeException e) {
                server.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                throw e;
            }
            session.send(MESSAGE);
            assertThat(session.receive()).hasValue(MESSAGE);
            session.close();
            server.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        return bytes.toString(UTF_8).replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT");
    }

    private static byte[] ascii(String pem) {
        return pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The server: one connection, its message echoed, until the client's close_notify. */
    private static void serve(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            Tls13Session session = Tls13ServerHandshake.accept(
                    SocketTls13Records.server(socket, CRYPTO, PATIENCE, PATIENCE),
                    new ServerConfig(CRYPTO, FixedRandom.counting(), ascii(PKI.serverCertificatePem()),
                            CRYPTO.signingKey(Pem.decode("PRIVATE KEY", ascii(PKI.serverPrivateKeyPem()))),
                            HandshakeObserver.NONE),
                    Tls13Settings.DEFAULT);
            session.send(session.receive().orElseThrow());
            assertThat(session.receive()).isEmpty();
            session.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
