package dev.minitls.cli.tls13;

import static dev.minitls.cli.tls13.Tls13Peers.ascii;
import static dev.minitls.cli.tls13.Tls13Peers.readLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minitls.cli.runtime.ServerLimits;
import dev.minitls.cli.support.LiveServer;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.cli.trace.KeyLog;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.KeyUpdate;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * minitls's TLS 1.3 against OpenSSL's ({@code openssl s_server} and {@code s_client}, real processes), both
 * directions, each suite: data both ways, a KeyUpdate from each side, close_notify, a HelloRetryRequest, and the key
 * log: for the same connection, minitls writes the lines OpenSSL's {@code -keylogfile} writes. Skipped when
 * {@code openssl} is not on the PATH. Every wait is bounded ({@link Subprocess#PATIENCE}, {@link Tls13Peers#DEADLINE});
 * the process is stopped after each test.
 */
class OpenSslInteropTest {

    /** The key log labels of the handshake and the first application keys, which both sides write. */
    private static final List<String> LABELS = List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");
    /** How the trace tells an alert sent, e.g. {@code sent decode_error}. */
    private static final Pattern ALERT_SENT = Pattern.compile("sent [a-z]+(_[a-z]+)*");
    private static final ExecutorService PEERS = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    private Subprocess openssl;

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(Tls13Peers.opensslOnPath(), "skipped: openssl is not on the PATH");
    }

    @BeforeEach
    void pki() throws IOException {
        Tls13Peers.writePki(dir);
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

    @ParameterizedTest
    @MethodSource("dev.minitls.cli.tls13.Tls13Peers#suiteNames")
    void theMinitlsClientTalksToOpensslsServer(String suite) throws Exception {
        Tls13Peers.Recorded events = clientOfOpensslServer(suite, Tls13Settings.only(Tls13Peers.suite(suite)));
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isFalse();
    }

    @Test
    void theMinitlsClientRetriesWithTheGroupOpensslsServerTakes() throws Exception {
        // Our one key share is x25519; this s_server takes P-256 only, which we offer second.
        Tls13Peers.Recorded events = clientOfOpensslServer("TLS_AES_128_GCM_SHA256", Tls13Settings.DEFAULT
                .withGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)), "-groups", "P-256");
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.minitls.cli.tls13.Tls13Peers#suiteNames")
    void opensslsClientTalksToTheMinitlsServer(String suite) throws Exception {
        Tls13Peers.Recorded events = opensslClientOfServer(suite, Tls13Settings.DEFAULT);
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isFalse();
    }

    @Test
    void opensslsClientRetriesWithTheGroupTheMinitlsServerPrefers() throws Exception {
        // s_client's one key share is for its first group, P-256; this server takes x25519 only.
        Tls13Peers.Recorded events = opensslClientOfServer("TLS_AES_256_GCM_SHA384", Tls13Settings.DEFAULT,
                "-groups", "P-256:X25519");
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isTrue();
    }

    @Test
    void opensslsClientAgreesOnSecp256r1WithTheMinitlsServer() throws Exception {
        // s_client offers P-256 only; this server prefers x25519 but takes secp256r1 too.
        Tls13Peers.Recorded events = opensslClientOfServer("TLS_AES_128_GCM_SHA256", Tls13Settings.DEFAULT
                .withGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)), "-groups", "P-256");
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isFalse();
        assertThat(events.events).map(TraceEvent::event).anySatisfy(event -> assertThat(event)
                .isInstanceOfSatisfying(Event.SharedSecretAgreed.class,
                        agreed -> assertThat(agreed.group()).isEqualTo(KeyExchangeGroup.SECP256R1)));
    }

    /**
     * {@code openssl s_time -new}, as {@code scripts/openssl-side-by-side} runs it against the server: one full
     * handshake after another, each ended abortively once the client's Finished is sent (no close_notify; SO_LINGER 0,
     * so a reset). The server completes every one (the client's Finished checked), sends no alert, reports each in
     * exactly one line, and serves the next client normally.
     */
    @Test
    void theMinitlsServerCompletesEveryHandshakeOfOpensslsTime() throws Exception {
        try (LiveServer server = LiveServer.start(dir.resolve("live"), ServerLimits.defaults(),
                EnumSet.of(ProtocolVersion.TLS13))) {
            openssl = Subprocess.start(dir, List.of("openssl", "s_time", "-connect", "127.0.0.1:" + server.port(),
                    "-new", "-time", "1", "-tls1_3"));
            assertThat(openssl.awaitExit()).as(openssl.printed()).isZero();
            int connections = Integer.parseInt(openssl.awaitStdout(
                    Pattern.compile("(\\d+) connections in \\d+ real seconds, .*")).group(1));
            assertThat(connections).as(openssl.printed()).isPositive();

            server.events().awaitEnded(connections);
            Map<String, List<String>> failed = server.events().failed();
            // Keyed by the client's address and port: a port s_time used twice within the second holds two lines.
            assertThat(failed.values().stream().mapToInt(List::size).sum()).as("one line per connection")
                    .isEqualTo(connections);
            failed.forEach((peer, reasons) -> {
                assertThat(reasons).containsOnly("connection failed: receive from " + peer
                        + " failed: Connection reset");
                List<String> told = server.trace().descriptionsFor(peer);
                assertThat(told).as(peer).contains("the client's Finished MAC matches our transcript")
                        .noneMatch(line -> ALERT_SENT.matcher(line).matches());
            });
            server.assertServesGoodClients(EnumSet.of(ProtocolVersion.TLS13));
        }
    }

    /**
     * A minitls client and {@code openssl s_server}: a line each way, a KeyUpdate from OpenSSL ({@code K}: update
     * requested, which we answer), one from us (which OpenSSL answers), close_notify, then the key logs compared.
     */
    private Tls13Peers.Recorded clientOfOpensslServer(String suite, Tls13Settings settings, String... options)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-tls1_3", "-accept", "127.0.0.1:0",
                "-naccept", "1", "-cert", "server.pem", "-key", "server-key.pem", "-ciphersuites", suite,
                "-keylogfile", "openssl-keys.log"));
        command.addAll(List.of(options));
        openssl = Subprocess.start(dir, command);
        int port = Integer.parseInt(openssl.awaitStdout(Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)")).group(1));
        Tls13Peers.Recorded events = new Tls13Peers.Recorded();
        try (KeyLog keyLog = KeyLog.open(dir.resolve("minitls-keys.log"), Side.CLIENT)) {
            Tls13Session client = Tls13Peers.connect(port, settings, keyLog.andThen(events));
            assertThat(client.cipherSuite()).isEqualTo(suite);
            client.send(ascii("from minitls\n"));
            openssl.awaitStdout(Pattern.compile("from minitls"));
            type("from openssl\n");
            assertThat(readLine(client)).isEqualTo("from openssl");
            // s_server takes K for a command only when it reads it alone: the next line waits until its KeyUpdate
            // has reached us (a reader on another thread applies it, answers it, then waits for data).
            type("K\n");
            Future<String> afterUpdate = PEERS.submit(() -> readLine(client));
            events.await(event -> event instanceof Event.Tls13MessageReceived received
                    && received.message().equals(new KeyUpdate(true)));
            type("after the openssl update\n");
            assertThat(afterUpdate.get(Tls13Peers.DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("after the openssl update");
            client.requestKeyUpdate();
            client.send(ascii("after the minitls update\n"));
            openssl.awaitStdout(Pattern.compile("after the minitls update"));
            client.close();
            assertThat(openssl.awaitExit()).as(openssl.printed()).isZero();
        }
        assertKeyUpdatesBothWays(events);
        assertSameKeyLog(events);
        return events;
    }

    /**
     * {@code openssl s_client} and a minitls server that echoes what it reads: a line each way, a KeyUpdate from
     * OpenSSL ({@code K}), one from us after the first line, close_notify from OpenSSL at the end of its input, then
     * the key logs compared.
     */
    private Tls13Peers.Recorded opensslClientOfServer(String suite, Tls13Settings settings, String... options)
            throws Exception {
        Tls13Peers.Recorded events = new Tls13Peers.Recorded();
        try (ServerSocket listener = Tls13Peers.listener();
                KeyLog keyLog = KeyLog.open(dir.resolve("minitls-keys.log"), Side.SERVER)) {
            Future<String> server = PEERS.submit(() -> {
                Tls13Session session = Tls13ServerHandshake.accept(Tls13Peers.serverRecords(listener.accept()),
                        Tls13Peers.serverConfig(keyLog.andThen(events)), settings);
                session.send(session.receive().orElseThrow());
                session.requestKeyUpdate();
                for (Optional<byte[]> data = session.receive(); data.isPresent(); data = session.receive()) {
                    session.send(data.get());
                }
                session.close();
                return session.cipherSuite();
            });
            List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-tls1_3",
                    "-connect", "127.0.0.1:" + listener.getLocalPort(), "-ciphersuites", suite, "-CAfile", "root.pem",
                    "-verify_return_error", "-servername", Tls13Peers.SERVER_NAME,
                    "-verify_hostname", Tls13Peers.SERVER_NAME, "-keylogfile", "openssl-keys.log"));
            command.addAll(List.of(options));
            openssl = Subprocess.start(dir, command);
            type("from openssl\n");
            openssl.awaitStdout(Pattern.compile("from openssl"));
            type("K\n");
            openssl.awaitStderr(Pattern.compile("KEYUPDATE"));
            type("after the openssl update\n");
            // Echoed under the server's next key: OpenSSL read our KeyUpdate.
            openssl.awaitStdout(Pattern.compile("after the openssl update"));
            openssl.stdin().close();
            assertThat(openssl.awaitExit()).as(openssl.printed()).isZero();
            assertThat(openssl.stdout()).contains("Verify return code: 0 (ok)");
            assertThat(server.get(Tls13Peers.DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(suite);
        }
        assertKeyUpdatesBothWays(events);
        assertSameKeyLog(events);
        return events;
    }

    private static void assertKeyUpdatesBothWays(Tls13Peers.Recorded events) {
        assertThat(events.events).map(TraceEvent::event).anySatisfy(event -> assertThat(event)
                .isInstanceOfSatisfying(Event.Tls13MessageSent.class,
                        sent -> assertThat(sent.message()).isEqualTo(new KeyUpdate(true))));
        assertThat(events.events).map(TraceEvent::event).anySatisfy(event -> assertThat(event)
                .isInstanceOfSatisfying(Event.Tls13MessageReceived.class,
                        received -> assertThat(received.message()).isEqualTo(new KeyUpdate(true))));
    }

    /** minitls's key log holds exactly OpenSSL's lines for the five labels, under the ClientHello's random. */
    private void assertSameKeyLog(Tls13Peers.Recorded events) throws IOException {
        List<String> ours = Files.readAllLines(dir.resolve("minitls-keys.log"));
        List<String> theirs = Files.readAllLines(dir.resolve("openssl-keys.log")).stream()
                .filter(line -> LABELS.contains(line.split(" ")[0])).toList();
        assertThat(ours).hasSize(LABELS.size()).containsExactlyInAnyOrderElementsOf(theirs);
        String random = HexFormat.of().formatHex(events.events.stream().map(TraceEvent::event)
                .flatMap(event -> Stream.of(event instanceof Event.Tls13MessageSent sent ? sent.message()
                        : event instanceof Event.Tls13MessageReceived received ? received.message() : null))
                .filter(ClientHello.class::isInstance).map(ClientHello.class::cast).findFirst().orElseThrow()
                .random());
        assertThat(ours).allSatisfy(line -> assertThat(line.split(" ")[1]).isEqualTo(random));
    }

    private void type(String line) throws IOException {
        openssl.stdin().write(ascii(line));
        openssl.stdin().flush();
    }
}
