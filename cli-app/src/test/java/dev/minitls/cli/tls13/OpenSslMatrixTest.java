package dev.minitls.cli.tls13;

import static dev.minitls.cli.tls13.Tls13Peers.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minitls.cli.support.Subprocess;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.tls13.NamedGroup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interoperability matrix against OpenSSL ({@code openssl s_server} and {@code s_client}, real processes), both
 * directions: every key type × group × suite × intermediate ({@link MatrixCase#all}), each side limited to the
 * case's group and suite ({@code -groups}, {@code -ciphersuites}), OpenSSL checking the chain to the root and the
 * name ({@code -CAfile}, {@code -verify_return_error}, {@code -verify_hostname}) or sending it ({@code -cert},
 * {@code -cert_chain}); a line each way; the suite and group both sides used. Then the HelloRetryRequest both ways
 * with each key type. Skipped when {@code openssl} is not on the PATH; every wait is bounded.
 */
class OpenSslMatrixTest {

    private static final ExecutorService PEERS = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    private Subprocess openssl;

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(Tls13Peers.opensslOnPath(), "skipped: openssl is not on the PATH");
    }

    @AfterEach
    void stopOpenssl() {
        if (openssl != null) {
            openssl.close();
        }
    }

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    @ParameterizedTest(name = "openssl s_client, the minitls server: {0}")
    @MethodSource("dev.minitls.cli.tls13.MatrixCase#all")
    void opensslsClientAndTheMinitlsServer(MatrixCase matrix) throws Exception {
        Tls13Peers.Recorded events = opensslClientOfServer(matrix, matrix.settings(), matrix.opensslGroup());
        assertThat(MatrixCase.agreedGroup(events.events)).isEqualTo(matrix.exchange());
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isFalse();
        assertThat(openssl.stdout()).contains("Server Temp Key: " + (matrix.group().equals(NamedGroup.X25519)
                ? "X25519, 253 bits" : "ECDH, prime256v1, 256 bits"));
    }

    @ParameterizedTest(name = "the minitls client, openssl s_server: {0}")
    @MethodSource("dev.minitls.cli.tls13.MatrixCase#all")
    void theMinitlsClientAndOpensslsServer(MatrixCase matrix) throws Exception {
        Tls13Peers.Recorded events = clientOfOpensslServer(matrix, matrix.settings(), matrix.opensslGroup());
        assertThat(MatrixCase.agreedGroup(events.events)).isEqualTo(matrix.exchange());
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isFalse();
    }

    /** s_client's one key share is for P-256, its first group; this minitls server takes x25519 only. */
    @ParameterizedTest(name = "HelloRetryRequest to openssl s_client (its P-256 share not taken): {0}")
    @MethodSource("dev.minitls.cli.tls13.MatrixCase#retriedToX25519")
    void theMinitlsServerAsksOpensslsClientToRetry(MatrixCase matrix) throws Exception {
        Tls13Peers.Recorded events = opensslClientOfServer(matrix, Tls13Settings.only(matrix.suite())
                .withGroups(List.of(NamedGroup.X25519)), "P-256:X25519");
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isTrue();
        assertThat(MatrixCase.agreedGroup(events.events)).isEqualTo(matrix.exchange());
    }

    /** The minitls client's one key share is for x25519; this s_server takes P-256 only, which it offers second. */
    @ParameterizedTest(name = "HelloRetryRequest from openssl s_server (our x25519 share not taken): {0}")
    @MethodSource("dev.minitls.cli.tls13.MatrixCase#retriedToSecp256r1")
    void opensslsServerAsksTheMinitlsClientToRetry(MatrixCase matrix) throws Exception {
        Tls13Peers.Recorded events = clientOfOpensslServer(matrix, Tls13Settings.only(matrix.suite())
                .withGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)), "P-256");
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isTrue();
        assertThat(MatrixCase.agreedGroup(events.events)).isEqualTo(matrix.exchange());
    }

    /** {@code openssl s_client} and a minitls server that echoes each line; s_client ends at the end of its input. */
    private Tls13Peers.Recorded opensslClientOfServer(MatrixCase matrix, Tls13Settings settings, String groups)
            throws Exception {
        Files.writeString(dir.resolve("root.pem"), matrix.pki().rootCertificatePem());
        Tls13Peers.Recorded events = new Tls13Peers.Recorded();
        try (ServerSocket listener = Tls13Peers.listener()) {
            Future<String> server = PEERS.submit(() -> {
                Tls13Session session = Tls13ServerHandshake.accept(Tls13Peers.serverRecords(listener.accept()),
                        matrix.serverConfig(settings, events), settings);
                for (Optional<byte[]> data = session.receive(); data.isPresent(); data = session.receive()) {
                    session.send(data.get());
                }
                session.close();
                return session.cipherSuite();
            });
            openssl = Subprocess.start(dir, List.of("openssl", "s_client", "-tls1_3",
                    "-connect", "127.0.0.1:" + listener.getLocalPort(), "-groups", groups,
                    "-ciphersuites", matrix.suite().name(), "-CAfile", "root.pem", "-verify_return_error",
                    "-servername", Tls13Peers.SERVER_NAME, "-verify_hostname", Tls13Peers.SERVER_NAME));
            openssl.stdin().write(ascii("from openssl\n"));
            openssl.stdin().flush();
            openssl.awaitStdout(Pattern.compile("from openssl"));
            openssl.stdin().close();
            assertThat(openssl.awaitExit()).as(openssl.printed()).isZero();
            assertThat(openssl.stdout()).contains("Verify return code: 0 (ok)",
                    "New, TLSv1.3, Cipher is " + matrix.suite().name());
            assertThat(server.get(Tls13Peers.DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(matrix.suite().name());
        }
        return events;
    }

    /** A minitls client and {@code openssl s_server} sending the case's chain: a line each way, then close_notify. */
    private Tls13Peers.Recorded clientOfOpensslServer(MatrixCase matrix, Tls13Settings settings, String groups)
            throws Exception {
        IssuedMaterial pki = matrix.pki();
        Files.writeString(dir.resolve("server.pem"), pki.serverCertificatePem());
        Files.writeString(dir.resolve("server-key.pem"), pki.serverPrivateKeyPem());
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-tls1_3", "-accept", "127.0.0.1:0",
                "-naccept", "1", "-cert", "server.pem", "-key", "server-key.pem", "-groups", groups,
                "-ciphersuites", matrix.suite().name()));
        if (pki.intermediate().isPresent()) {
            Files.writeString(dir.resolve("intermediate.pem"), pki.intermediate().get().certificatePem());
            command.addAll(List.of("-cert_chain", "intermediate.pem"));
        }
        openssl = Subprocess.start(dir, command);
        int port = Integer.parseInt(openssl.awaitStdout(Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)")).group(1));
        Tls13Peers.Recorded events = new Tls13Peers.Recorded();
        Tls13Session client = Tls13ClientHandshake.connect(Tls13Peers.clientRecords(
                new Socket(InetAddress.getLoopbackAddress(), port)), matrix.clientConfig(settings, events), settings);
        assertThat(client.cipherSuite()).isEqualTo(matrix.suite().name());
        client.send(ascii("from minitls\n"));
        openssl.awaitStdout(Pattern.compile("from minitls"));
        openssl.stdin().write(ascii("from openssl\n"));
        openssl.stdin().flush();
        assertThat(Tls13Peers.readLine(client)).isEqualTo("from openssl");
        client.close();
        assertThat(openssl.awaitExit()).as(openssl.printed()).isZero();
        return events;
    }
}
