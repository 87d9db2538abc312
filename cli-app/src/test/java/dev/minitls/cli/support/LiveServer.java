package dev.minitls.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.runtime.ClientApp;
import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.runtime.ServerApp;
import dev.minitls.cli.runtime.ServerLimits;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.json.JsonLinesV1Codec;
import dev.minitls.transport.json.JsonLinesV2Codec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An echoing {@link ServerApp} on the loopback with a fresh PKI and Bouncy Castle, its events recorded, and what a
 * test needs to play clients against it: their configuration, and a good client that must be served normally.
 */
public final class LiveServer implements AutoCloseable {

    public static final String SERVER_NAME = "example-server";
    public static final WireFormats FORMATS = new WireFormats(new JsonLinesV1Codec(), new JsonLinesV2Codec());

    private static final AtomicInteger GOOD_CLIENTS = new AtomicInteger();

    private final PkiFiles files;
    private final Endpoints endpoints;
    private final RecordedServerEvents events = new RecordedServerEvents();
    private final TraceRecorder trace = new TraceRecorder();
    private final ServerApp app;

    private LiveServer(PkiFiles files, ServerLimits limits, Set<ProtocolVersion> protocols) {
        this.files = files;
        this.endpoints = new Endpoints(Providers.of(CryptoChoice.bc), new SecureRandomSource(), Clock.systemUTC(),
                FORMATS);
        this.app = ServerApp.start("127.0.0.1", 0, limits,
                endpoints.serverConfig(files, protocols, trace), FORMATS, true, events);
    }

    /** Writes a PKI into {@code dir} and starts the server, serving every protocol, on a free port. */
    public static LiveServer start(Path dir, ServerLimits limits) {
        return start(dir, limits, EnumSet.allOf(ProtocolVersion.class));
    }

    /** Writes a PKI into {@code dir} and starts the server, serving {@code protocols}, on a free port. */
    public static LiveServer start(Path dir, ServerLimits limits, Set<ProtocolVersion> protocols) {
        PkiFiles files = new PkiFiles(dir);
        PkiWriter.write(files, PkiIssuer.issue(SERVER_NAME, 1, Clock.systemUTC()), false);
        return new LiveServer(files, limits, protocols);
    }

    public int port() {
        return app.port();
    }

    /** The ports the server is wired with. */
    public Endpoints endpoints() {
        return endpoints;
    }

    public ServerApp app() {
        return app;
    }

    public RecordedServerEvents events() {
        return events;
    }

    /** What the server's handshakes and sessions traced. */
    public TraceRecorder trace() {
        return trace;
    }

    /** Waits for the server's report on {@code peer}: exactly one line, {@code reason}. */
    public void assertReportedOnce(String peer, String reason) throws InterruptedException {
        events.awaitClosed(peer);
        assertThat(events.failuresOf(peer)).containsExactly(reason);
    }

    /** A client of {@code protocol} that trusts this server's root. */
    public ClientConfig clientConfig(ProtocolVersion protocol) {
        return endpoints.clientConfig(files, SERVER_NAME, protocol, HandshakeObserver.NONE);
    }

    /** Connects a client of {@code protocol} and completes its handshake. */
    public SecureSession connect(ProtocolVersion protocol) {
        return ClientApp.connect("127.0.0.1", port(), clientConfig(protocol), FORMATS);
    }

    /**
     * A good client of each protocol (v1, v2, tls13) is served normally: its messages reach the server in order,
     * nothing is reported against it, and a v2 or tls13 client gets each message back. Each one's connection is
     * closed, its slot free again, before the next connects, so this holds under a connection cap of one.
     */
    public void assertServesGoodClients() throws InterruptedException {
        assertServesGoodClients(EnumSet.allOf(ProtocolVersion.class));
    }

    /** {@link #assertServesGoodClients()} for a server of {@code protocols}. */
    public void assertServesGoodClients(Set<ProtocolVersion> protocols) throws InterruptedException {
        for (ProtocolVersion protocol : protocols) {
            int n = GOOD_CLIENTS.incrementAndGet();
            List<String> messages = List.of("good client " + n + " first", "good client " + n + " second");
            List<String> echoes = new ArrayList<>();
            // The client's local port may be one an earlier (hostile) connection used: only what comes after counts.
            Map<String, List<String>> receivedBefore = events.received();
            Map<String, List<String>> failedBefore = events.failed();
            Map<String, Integer> endingsBefore = events.endings();
            ClientApp.converse(connect(protocol), messages.iterator(), echoes::add);

            assertThat(echoes).as("echoes, %s", protocol)
                    .isEqualTo(protocol != ProtocolVersion.V1 ? messages : List.of());
            String peer = events.awaitSenderOf(messages.get(0));
            events.awaitClosed(peer, endingsBefore.getOrDefault(peer, 0) + 1);
            assertThat(since(events.messagesOf(peer), receivedBefore.get(peer)))
                    .as("what the server received from the good client").isEqualTo(messages);
            assertThat(since(events.failuresOf(peer), failedBefore.get(peer)))
                    .as("failures reported for the good client").isEmpty();
        }
    }

    /** What {@code all} holds past {@code before} (null: nothing before). */
    private static List<String> since(List<String> all, List<String> before) {
        return all.subList(before == null ? 0 : before.size(), all.size());
    }

    @Override
    public void close() {
        app.close();
    }
}
