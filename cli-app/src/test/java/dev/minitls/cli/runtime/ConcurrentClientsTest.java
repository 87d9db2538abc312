package dev.minitls.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.support.Providers;
import dev.minitls.cli.support.RawClient;
import dev.minitls.cli.support.RecordedServerEvents;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.json.JsonLinesV1Codec;
import dev.minitls.transport.json.JsonLinesV2Codec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One echoing {@link ServerApp} under load: good clients of both protocols and both providers handshake and send at
 * the same time as bad ones hang up mid-handshake or send garbage. Every good message arrives, in order per client,
 * each v2 client gets its messages back, and every bad connection is reported exactly once, with the reason that
 * fits what it did.
 */
class ConcurrentClientsTest {

    private static final int GOOD_CLIENTS = 8;
    private static final int MESSAGES_EACH = 5;
    private static final String SERVER_NAME = "example-server";
    private static final Duration PATIENCE = Subprocess.PATIENCE;
    /**
     * Every handshake may take {@link #PATIENCE}, each frame too: on a loaded machine, a dozen first (cold) handshakes
     * at once take seconds. No client here goes silent, so no test waits for these limits. Every client comes from
     * the loopback address, so its caps are the whole server's.
     */
    private static final ServerLimits PATIENT_LIMITS = new ServerLimits(ServerLimits.DEFAULT_MAX_CONNECTIONS,
            ServerLimits.DEFAULT_MAX_HANDSHAKES, ServerLimits.DEFAULT_MAX_CONNECTIONS,
            ServerLimits.DEFAULT_MAX_HANDSHAKES, PATIENCE, PATIENCE);

    /** Ways to fail a connection, each with the start of the reason the server must report. */
    enum Misbehaviour {
        HANG_UP_AT_ONCE("connection closed by peer:"),
        HANG_UP_IN_THE_MIDDLE_OF_THE_CLIENT_HELLO("connection truncated:"),
        HANG_UP_BEFORE_THE_CLIENT_FINISHED("connection closed by peer:"),
        SEND_GARBAGE("malformed message:"),
        SEND_A_RECORD_INSTEAD_OF_THE_CLIENT_HELLO("malformed message:");

        final String reason;

        Misbehaviour(String reason) {
            this.reason = reason;
        }
    }

    @TempDir
    Path dir;

    @Test
    void goodClientsAreAllServedWhileEachBadConnectionIsReportedOnce() throws Exception {
        PkiFiles files = new PkiFiles(dir);
        PkiWriter.write(files, PkiIssuer.issue(SERVER_NAME, 1, Clock.systemUTC()), false);
        Misbehaviour[] bad = Misbehaviour.values();
        RecordedServerEvents events = new RecordedServerEvents(GOOD_CLIENTS + bad.length);
        List<Callable<String>> clients = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        Map<String, Misbehaviour> badPeers = new ConcurrentHashMap<>();

        Endpoints serverEndpoints = endpoints(CryptoChoice.bc);
        try (ServerApp server = ServerApp.start("127.0.0.1", 0, PATIENT_LIMITS,
                serverEndpoints.serverConfig(files, EnumSet.allOf(ProtocolVersion.class), HandshakeObserver.NONE),
                serverEndpoints.formats(), true, events)) {
            for (int i = 0; i < GOOD_CLIENTS; i++) {
                Endpoints endpoints = endpoints(CryptoChoice.values()[i % CryptoChoice.values().length]);
                ProtocolVersion protocol = ProtocolVersion.values()[i / 2 % ProtocolVersion.values().length];
                List<String> messages = messagesOf(i);
                clients.add(() -> {
                    start.await();
                    List<String> echoes = new ArrayList<>();
                    SecureSession channel = ClientApp.connect("127.0.0.1", server.port(), PATIENCE,
                            endpoints.clientConfig(files, SERVER_NAME, protocol, HandshakeObserver.NONE),
                            endpoints.formats());
                    ClientApp.converse(channel, messages.iterator(), echoes::add);
                    assertThat(echoes).as("echoes, %s", protocol)
                            .isEqualTo(protocol != ProtocolVersion.V1 ? messages : List.of());
                    return messages.get(0);
                });
            }
            for (Misbehaviour misbehaviour : bad) {
                clients.add(() -> {
                    start.await();
                    try (RawClient raw = RawClient.connect(server.port())) {
                        badPeers.put(raw.address(), misbehaviour);
                        misbehave(raw, misbehaviour);
                    }
                    return misbehaviour.name();
                });
            }
            runTogether(clients, start);
            events.awaitClosed();
        }

        assertThat(events.failed().keySet()).as("peers reported as failed")
                .containsExactlyInAnyOrderElementsOf(badPeers.keySet());
        badPeers.forEach((peer, misbehaviour) -> assertThat(events.failed().get(peer)).as(misbehaviour.name())
                .singleElement().asString().startsWith(misbehaviour.reason).doesNotContain("\n"));
        assertThat(events.received().keySet()).as("peers that sent messages").hasSize(GOOD_CLIENTS)
                .doesNotContainAnyElementsOf(badPeers.keySet());
        assertThat(events.received().values()).as("messages per client, in order")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, GOOD_CLIENTS)
                        .mapToObj(ConcurrentClientsTest::messagesOf).toList());
    }

    private static void misbehave(RawClient raw, Misbehaviour misbehaviour) throws Exception {
        switch (misbehaviour) {
            case HANG_UP_AT_ONCE -> { }
            case HANG_UP_IN_THE_MIDDLE_OF_THE_CLIENT_HELLO -> {
                byte[] hello = clientHello();
                raw.send(Arrays.copyOf(hello, hello.length / 2));
            }
            case HANG_UP_BEFORE_THE_CLIENT_FINISHED -> {
                raw.send(clientHello());
                for (String message : List.of("ServerHello", "Certificate", "CertificateVerify", "ServerFinished")) {
                    assertThat(raw.readLine()).as(message).isPresent();
                }
            }
            case SEND_GARBAGE -> raw.send("garbage\n");
            case SEND_A_RECORD_INSTEAD_OF_THE_CLIENT_HELLO -> raw.send("{\"Seq\": 0, \"Ciphertext\": \"00\"}\n");
        }
    }

    /** A well-formed ClientHello, so that the server answers it. */
    private static byte[] clientHello() {
        CryptoProvider crypto = Providers.of(CryptoChoice.bc);
        SecureRandomSource random = new SecureRandomSource();
        return new JsonLinesV1Codec().encode(new ClientHello(random.nextBytes(32), 1,
                crypto.x25519PublicKey(random.nextBytes(32)), "X25519", SERVER_NAME));
    }

    /** Starts every client, opens the gate so they run at once, and waits for all of them. */
    private static void runTogether(List<Callable<String>> clients, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<String>> running = clients.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<String> client : running) {
                client.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> messagesOf(int client) {
        return IntStream.range(0, MESSAGES_EACH).mapToObj(n -> "client " + client + " message " + n).toList();
    }

    private static Endpoints endpoints(CryptoChoice choice) {
        return new Endpoints(Providers.of(choice), new SecureRandomSource(), Clock.systemUTC(),
                new WireFormats(new JsonLinesV1Codec(), new JsonLinesV2Codec()));
    }
}
