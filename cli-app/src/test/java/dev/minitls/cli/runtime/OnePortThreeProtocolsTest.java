package dev.minitls.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.support.LiveServer;
import dev.minitls.cli.support.RawClient;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@link ServerApp} port serves v1, v2 and tls13, told apart by the client's first byte: anything else is
 * refused, reported and counted; a protocol the server does not serve is refused as that protocol's server would;
 * and {@link ServerLimits} hold for tls13 connections exactly as for the others.
 */
class OnePortThreeProtocolsTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    /** The deadline and idle timeout under test: a good client's (cold) handshake beats it on a loaded machine. */
    private static final Duration LIMIT = Duration.ofSeconds(5);
    /** The first bytes of a TLS record header: a handshake record, legacy version 0x0301. */
    private static final byte[] TLS_RECORD_START = {0x16, 0x03, 0x01};

    @TempDir
    Path dir;

    private LiveServer server;
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        background.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private LiveServer start(ServerLimits limits, Set<ProtocolVersion> protocols) {
        server = LiveServer.start(dir, limits, protocols);
        return server;
    }

    private static ServerLimits limits(int maxHandshakes, Duration handshakeTimeout, Duration idleTimeout) {
        return new ServerLimits(8, maxHandshakes, 8, maxHandshakes, handshakeTimeout, idleTimeout);
    }

    @Test
    void aJsonClientAndATls13ClientAreServedOnTheSamePortAtTheSameTime() throws Exception {
        start(limits(8, LONG, LONG), EnumSet.allOf(ProtocolVersion.class));
        SecureSession json = server.connect(ProtocolVersion.V2);
        SecureSession tls13 = server.connect(ProtocolVersion.TLS13);

        assertThat(json.protocol()).isEqualTo(ProtocolVersion.V2);
        assertThat(tls13.protocol()).isEqualTo(ProtocolVersion.TLS13);
        tls13.send(bytes("tls13 while v2 is open"));
        json.send(bytes("v2 while tls13 is open"));
        assertThat(tls13.receive()).hasValue(bytes("tls13 while v2 is open"));
        assertThat(json.receive()).hasValue(bytes("v2 while tls13 is open"));
        String tls13Peer = server.events().awaitSenderOf("tls13 while v2 is open");
        String jsonPeer = server.events().awaitSenderOf("v2 while tls13 is open");
        json.close();
        tls13.close();
        server.events().awaitClosed(tls13Peer);
        server.events().awaitClosed(jsonPeer);
        assertThat(server.events().failuresOf(tls13Peer)).isEmpty();
        assertThat(server.events().failuresOf(jsonPeer)).isEmpty();
    }

    @Test
    void aFirstByteOfNoProtocolIsRefusedReportedAndCounted() throws Exception {
        start(limits(8, LONG, LONG), EnumSet.allOf(ProtocolVersion.class));

        try (RawClient http = RawClient.connect(server.port())) {
            http.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(http.readLine()).as("closed without a word").isEmpty();
            server.assertReportedOnce(http.address(), "malformed message: the first byte, 0x47, starts no protocol this"
                    + " server speaks (a JSON line starts with '{', a TLS handshake record with 0x16)");
        }
        assertThat(server.app().unrecognisedConnections()).isEqualTo(1);
        server.assertServesGoodClients();
        assertThat(server.app().unrecognisedConnections()).as("good clients are not counted").isEqualTo(1);
    }

    @Test
    void aTls13ClientOfAServerWithoutTls13GetsProtocolVersionAndAClearLine() throws Exception {
        start(limits(8, LONG, LONG), ProtocolVersion.jsonLinesProtocols());

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String peer = RawClient.addressOf(socket);
            assertThatThrownBy(() -> Tls13ClientHandshake.connect(
                    SocketTls13Records.client(socket, server.endpoints().crypto(), LONG, LONG),
                    server.clientConfig(ProtocolVersion.TLS13), Tls13Settings.DEFAULT))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.peerAlert()).contains(Alert.PROTOCOL_VERSION));
            server.assertReportedOnce(peer, "unsupported protocol version: the client speaks protocol tls13, which this"
                    + " server does not accept (it accepts v1, v2)");
        }
        assertThat(server.app().unrecognisedConnections()).as("tls13 is a protocol, not garbage").isZero();
        server.assertServesGoodClients(ProtocolVersion.jsonLinesProtocols());
    }

    @Test
    void aJsonClientOfATls13OnlyServerGetsProtocolVersion() throws Exception {
        start(limits(8, LONG, LONG), EnumSet.of(ProtocolVersion.TLS13));

        assertThatThrownBy(() -> server.connect(ProtocolVersion.V2)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.peerAlert()).contains(Alert.PROTOCOL_VERSION));
        server.assertServesGoodClients(EnumSet.of(ProtocolVersion.TLS13));
    }

    @Test
    void aTls13ClientThatStopsAfterItsFirstBytesIsCutAtTheHandshakeDeadline() throws Exception {
        start(limits(8, LIMIT, LONG), EnumSet.allOf(ProtocolVersion.class));

        try (RawClient silent = RawClient.connect(server.port())) {
            silent.send(TLS_RECORD_START);
            assertThat(silent.readLine()).as("the server closes without a word").isEmpty();
            server.assertReportedOnce(silent.address(), "timed out: no complete handshake within 5 s");
        }
        server.assertServesGoodClients();
    }

    @Test
    void aSilentClientIsCutAtTheHandshakeDeadlineWhileWaitingForItsFirstByte() throws Exception {
        start(limits(8, LIMIT, LONG), EnumSet.of(ProtocolVersion.TLS13));

        try (RawClient silent = RawClient.connect(server.port())) {
            assertThat(silent.readLine()).as("the server closes without a word").isEmpty();
            server.assertReportedOnce(silent.address(), "timed out: no complete handshake within 5 s");
        }
        assertThat(server.app().unrecognisedConnections()).isZero();
        server.assertServesGoodClients(EnumSet.of(ProtocolVersion.TLS13));
    }

    @Test
    void anIdleTls13SessionIsCutAtTheIdleTimeoutAndWhatItSentBeforeIsKept() throws Exception {
        start(limits(8, LONG, LIMIT), EnumSet.allOf(ProtocolVersion.class));

        SecureSession quiet = server.connect(ProtocolVersion.TLS13);
        quiet.send(bytes("said over tls13 before going quiet"));
        assertThat(quiet.receive()).hasValue(bytes("said over tls13 before going quiet"));
        String peer = server.events().awaitSenderOf("said over tls13 before going quiet");

        server.events().awaitClosed(peer);
        assertThat(server.events().failuresOf(peer)).singleElement().asString()
                .startsWith("timed out: no complete record from " + peer);
        assertThat(server.events().messagesOf(peer)).containsExactly("said over tls13 before going quiet");
        quiet.close();
        server.assertServesGoodClients();
    }

    @Test
    void tls13HandshakesOverTheCapAreRefusedAtOnceAndCounted() throws Exception {
        start(limits(1, LONG, LONG), EnumSet.allOf(ProtocolVersion.class));

        try (RawClient first = RawClient.connect(server.port()); RawClient second = RawClient.connect(server.port())) {
            first.send(TLS_RECORD_START);
            second.send(TLS_RECORD_START);
            CompletableFuture<RawClient> firstEnded = first.ended(background);
            CompletableFuture<RawClient> secondEnded = second.ended(background);
            RawClient refused = (RawClient) CompletableFuture.anyOf(firstEnded, secondEnded)
                    .get(LONG.toSeconds(), TimeUnit.SECONDS);
            RawClient stalled = refused == first ? second : first;
            server.assertReportedOnce(refused.address(), "refused: handshakes in progress at their limit of 1");
            assertThat(server.app().refusedHandshakes()).isEqualTo(1);
            stalled.close();
            server.events().awaitClosed(stalled.address());
        }
        server.assertServesGoodClients();
        assertThat(server.app().refusedHandshakes()).isEqualTo(1);
    }

    @Test
    void aTls13ClientThatNeverReadsIsCutAtTheIdleTimeout() throws Exception {
        start(limits(8, LONG, LIMIT), EnumSet.allOf(ProtocolVersion.class));
        SecureSession deaf = server.connect(ProtocolVersion.TLS13);
        String marker = "deaf tls13 client";
        deaf.send(bytes(marker));
        String peer = server.events().awaitSenderOf(marker);

        // Each message is echoed; a client that never reads fills the socket buffers until the server's write
        // cannot complete within the idle timeout.
        byte[] large = new byte[16 * 1024];
        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
            try {
                while (true) {
                    deaf.send(large);
                }
            } catch (RuntimeException e) {
                // the server cut the connection
            }
        }, background);
        server.events().awaitClosed(peer);
        assertThat(server.events().failuresOf(peer)).singleElement().asString().startsWith("timed out: ");
        flood.get(LONG.toSeconds(), TimeUnit.SECONDS);
        server.assertServesGoodClients();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
