package dev.minitls.cli.tls13;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.trace.KeyLog;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key log of a tls13 session, without OpenSSL ({@code OpenSslInteropTest} compares it with OpenSSL's): the five
 * NSS lines in the order the key schedule derives them, under the ClientHello's random, the same on both sides.
 */
class Tls13KeyLogTest {

    private static final ExecutorService PEERS = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    private final Tls13Peers.Recorded events = new Tls13Peers.Recorded();

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    @Test
    void bothSidesLogTheFiveNssLinesInOrderUnderTheClientRandom() throws Exception {
        List<String> lines = handshakeAndLog(Tls13Settings.only(CipherSuite.TLS_AES_128_GCM_SHA256),
                Tls13Settings.DEFAULT);
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("[A-Z_0]+ [0-9a-f]{64} [0-9a-f]{64}"));
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isFalse();
    }

    @Test
    void aSha384SuiteLogs48ByteSecretsAndAHelloRetryRequestKeepsOneRandom() throws Exception {
        List<String> lines = handshakeAndLog(Tls13Settings.only(CipherSuite.TLS_AES_256_GCM_SHA384)
                .withGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)),
                Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.SECP256R1)));
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("[A-Z_0]+ [0-9a-f]{64} [0-9a-f]{96}"));
        assertThat(Tls13Peers.helloRetryRequested(events.events)).isTrue();
    }

    /** One handshake with a key log on each side; returns the client's lines, checked against the server's. */
    private List<String> handshakeAndLog(Tls13Settings client, Tls13Settings server) throws Exception {
        try (ServerSocket listener = Tls13Peers.listener();
                KeyLog clientLog = KeyLog.open(dir.resolve("client.log"), Side.CLIENT);
                KeyLog serverLog = KeyLog.open(dir.resolve("server.log"), Side.SERVER)) {
            Future<?> accepted = PEERS.submit(() -> {
                Tls13Session session = Tls13ServerHandshake.accept(Tls13Peers.serverRecords(listener.accept()),
                        Tls13Peers.serverConfig(serverLog), server);
                session.close();
                return null;
            });
            Tls13Session session = Tls13Peers.connect(listener.getLocalPort(), client, clientLog.andThen(events));
            assertThat(session.receive()).isEmpty();
            session.close();
            accepted.get(Tls13Peers.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(dir.resolve("client.log"));
        assertThat(lines).map(line -> line.split(" ")[0]).containsExactly("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0",
                "EXPORTER_SECRET");
        assertThat(Files.readAllLines(dir.resolve("server.log"))).isEqualTo(lines);
        List<String> randoms = events.events.stream().map(TraceEvent::event)
                .filter(Event.Tls13MessageSent.class::isInstance)
                .map(event -> ((Event.Tls13MessageSent) event).message()).filter(ClientHello.class::isInstance)
                .map(hello -> HexFormat.of().formatHex(((ClientHello) hello).random()))
                .distinct().toList();
        assertThat(randoms).hasSize(1);
        assertThat(lines).allSatisfy(line -> assertThat(line.split(" ")[1]).isEqualTo(randoms.get(0)));
        return lines;
    }
}
