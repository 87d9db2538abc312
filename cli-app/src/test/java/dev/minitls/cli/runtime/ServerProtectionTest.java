package dev.minitls.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.support.LiveServer;
import dev.minitls.cli.support.Providers;
import dev.minitls.cli.support.RawClient;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.transport.tcp.SocketFrameChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@link ServerApp} does against clients that would hold it: a client that never sends (or sends one byte at a
 * time) is cut at the handshake deadline, an idle session at the idle timeout, and connections and handshakes over
 * their caps are closed at once and counted. Each such connection is reported in one line, and the server then serves
 * good clients normally.
 */
class ServerProtectionTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    /**
     * The deadline and idle timeout under test: short enough to wait out, long enough that a good client's handshake
     * and each of its frames beat it on a loaded machine, first (cold) handshake of the JVM included.
     */
    private static final Duration LIMIT = Duration.ofSeconds(5);

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

    private LiveServer start(int maxConnections, int maxHandshakes, Duration handshakeTimeout, Duration idleTimeout) {
        return start(new ServerLimits(maxConnections, maxHandshakes, maxConnections, maxHandshakes, handshakeTimeout,
                idleTimeout));
    }

    private LiveServer start(ServerLimits limits) {
        server = LiveServer.start(dir, limits);
        return server;
    }

    @Test
    void aClientThatSendsNothingIsCutAtTheHandshakeDeadline() throws Exception {
        start(8, 8, LIMIT, LONG);

        try (RawClient silent = RawClient.connect(server.port())) {
            assertThat(silent.readLine()).as("the server closes without a word").isEmpty();
            server.assertReportedOnce(silent.address(), "timed out: no complete handshake within 5 s");
            assertThat(server.trace().descriptionsFor(silent.address())).as("the server's trace says the same")
                    .containsExactly("handshake failed: timed out: no complete handshake within 5 s;"
                            + " closed the connection without an alert");
        }
        server.assertServesGoodClients();
    }

    @Test
    void aClientThatSendsOneByteAtATimeIsCutAtTheHandshakeDeadlineThoughNoReadTimesOut() throws Exception {
        start(8, 8, LIMIT, LONG);
        byte[] hello = clientHello();
        // the whole ClientHello at this pace takes three times the deadline, each byte far less than the idle timeout
        Duration pace = LIMIT.multipliedBy(3).dividedBy(hello.length);

        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            int sent = trickle(slow, hello, pace);

            assertThat(sent).as("bytes sent before the server hung up").isLessThan(hello.length);
            server.assertReportedOnce(RawClient.addressOf(slow), "timed out: no complete handshake within 5 s");
        }
        server.assertServesGoodClients();
    }

    @Test
    void anIdleSessionIsCutAtTheIdleTimeoutAndWhatItSentBeforeIsKept() throws Exception {
        start(8, 8, LONG, LIMIT);

        SecureSession quiet = server.connect(ProtocolVersion.V2);
        quiet.send("said before going quiet".getBytes(StandardCharsets.UTF_8));
        assertThat(quiet.receive()).hasValue("said before going quiet".getBytes(StandardCharsets.UTF_8));
        String peer = server.events().awaitSenderOf("said before going quiet");

        assertThat(quiet.receive()).as("the server ends the session with close_notify: a clean end").isEmpty();
        server.assertReportedOnce(peer, "timed out: no complete frame from " + peer + " within 5000 ms");
        assertThat(server.events().messagesOf(peer)).containsExactly("said before going quiet");
        server.assertServesGoodClients();
    }

    @Test
    void handshakesOverTheCapAreRefusedAtOnceAndCountedWhileEstablishedSessionsGoOn() throws Exception {
        start(8, 1, LONG, LONG);
        SecureSession established = server.connect(ProtocolVersion.V2);
        established.send("handshake over".getBytes(StandardCharsets.UTF_8));
        assertThat(established.receive()).as("the server is past the handshake").isPresent();

        try (RawClient first = RawClient.connect(server.port()); RawClient second = RawClient.connect(server.port())) {
            CompletableFuture<RawClient> firstEnded = first.ended(background);
            CompletableFuture<RawClient> secondEnded = second.ended(background);
            RawClient refused = (RawClient) CompletableFuture.anyOf(firstEnded, secondEnded)
                    .get(Subprocess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            RawClient stalled = refused == first ? second : first;

            server.assertReportedOnce(refused.address(), "refused: handshakes in progress at their limit of 1");
            assertThat(server.app().refusedHandshakes()).isEqualTo(1);
            established.send("still here".getBytes(StandardCharsets.UTF_8));
            assertThat(established.receive()).as("the established session goes on")
                    .hasValue("still here".getBytes(StandardCharsets.UTF_8));

            stalled.close();
            server.assertReportedOnce(stalled.address(), "connection closed by peer: end of stream");
        }
        established.close();
        server.assertServesGoodClients();
        assertThat(server.app().refusedHandshakes()).as("good clients once the stalled one is gone").isEqualTo(1);
    }

    @Test
    void connectionsOverTheCapAreClosedAtOnceAndCounted() throws Exception {
        start(1, 1, LONG, LONG);
        SecureSession established = server.connect(ProtocolVersion.V2);
        established.send("holding the only slot".getBytes(StandardCharsets.UTF_8));
        assertThat(established.receive()).isPresent();
        String peer = server.events().awaitSenderOf("holding the only slot");

        try (RawClient over = RawClient.connect(server.port())) {
            assertThat(over.readLine()).as("closed as soon as accepted").isEmpty();
        }
        assertThat(server.app().refusedConnections()).isEqualTo(1);
        established.send("still served".getBytes(StandardCharsets.UTF_8));
        assertThat(established.receive()).hasValue("still served".getBytes(StandardCharsets.UTF_8));

        established.close();
        server.events().awaitClosed(peer);
        server.assertServesGoodClients();
        assertThat(server.app().refusedConnections()).isEqualTo(1);
    }

    @Test
    void aClientThatNeverReadsIsCutAtTheIdleTimeoutAndItsSlotServesTheNextClient() throws Exception {
        start(1, 1, LONG, LIMIT);

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            String peer = RawClient.addressOf(socket);
            SecureChannel deaf = ClientHandshake.connect(new SocketFrameChannel(socket, Subprocess.PATIENCE,
                    Subprocess.PATIENCE, SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH), LiveServer.FORMATS,
                    server.clientConfig(ProtocolVersion.V2));

            // records for the server to echo, none of the echoes read: they fill both socket buffers, then the
            // server's send blocks until the idle timeout closes the connection, and this client's sends fail
            byte[] record = "x".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> {
                while (true) {
                    deaf.send(record);
                }
            }).isInstanceOf(ProtocolException.class);

            server.assertReportedOnce(peer, "timed out: send to " + peer + " not taken by the peer within 5000 ms");
        }
        server.assertServesGoodClients();
        assertThat(server.app().refusedConnections()).isZero();
    }

    @Test
    void connectionsOverTheCapOfTheirAddressAreClosedAtOnceAndCountedWhileOtherAddressesAreServed()
            throws Exception {
        start(new ServerLimits(8, 8, 1, 8, LONG, LONG));
        SecureChannel established = ClientHandshake.connect(new SocketFrameChannel(
                RawClient.socketFrom("127.0.0.2", server.port()), LONG, LONG,
                SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH), LiveServer.FORMATS,
                server.clientConfig(ProtocolVersion.V2));
        established.send("holding the only slot of 127.0.0.2".getBytes(StandardCharsets.UTF_8));
        assertThat(established.receive()).isPresent();

        try (RawClient over = RawClient.connectFrom("127.0.0.2", server.port())) {
            assertThat(over.readLine()).as("closed as soon as accepted").isEmpty();
        }
        assertThat(server.app().refusedConnections()).isEqualTo(1);
        server.assertServesGoodClients();
        established.send("still served".getBytes(StandardCharsets.UTF_8));
        assertThat(established.receive()).hasValue("still served".getBytes(StandardCharsets.UTF_8));
        established.close();
        assertThat(server.app().refusedConnections()).isEqualTo(1);
    }

    @Test
    void handshakesOverTheCapOfTheirAddressAreRefusedAtOnceAndCountedWhileOtherAddressesAreServed()
            throws Exception {
        start(new ServerLimits(8, 8, 8, 1, LONG, LONG));

        try (RawClient first = RawClient.connectFrom("127.0.0.2", server.port());
                RawClient second = RawClient.connectFrom("127.0.0.2", server.port())) {
            CompletableFuture<RawClient> firstEnded = first.ended(background);
            CompletableFuture<RawClient> secondEnded = second.ended(background);
            RawClient refused = (RawClient) CompletableFuture.anyOf(firstEnded, secondEnded)
                    .get(Subprocess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            RawClient stalled = refused == first ? second : first;

            server.assertReportedOnce(refused.address(),
                    "refused: handshakes in progress from 127.0.0.2 at their limit of 1 per address");
            assertThat(server.app().refusedHandshakes()).isEqualTo(1);
            server.assertServesGoodClients();

            stalled.close();
            server.assertReportedOnce(stalled.address(), "connection closed by peer: end of stream");
        }
        assertThat(server.app().refusedHandshakes()).isEqualTo(1);
    }

    @Test
    void aClientThatWritesEveryFrameOneByteAtATimeIsServedNormally() throws Exception {
        start(8, 8, LONG, LONG);

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String peer = RawClient.addressOf(socket);
            SecureChannel channel = ClientHandshake.connect(new OneByteWrites(socket), LiveServer.FORMATS,
                    server.clientConfig(ProtocolVersion.V2));
            channel.send("sent one byte per write".getBytes(StandardCharsets.UTF_8));
            assertThat(channel.receive()).hasValue("sent one byte per write".getBytes(StandardCharsets.UTF_8));
            channel.close();
            server.events().awaitClosed(peer);
            assertThat(server.events().messagesOf(peer)).containsExactly("sent one byte per write");
            assertThat(server.events().failuresOf(peer)).isEmpty();
        }
    }

    /** A connection that writes each frame one byte per TCP write, flushed, and reads as usual. */
    private static final class OneByteWrites extends ForwardingFrameChannel {

        private final Socket socket;

        OneByteWrites(Socket socket) {
            super(new SocketFrameChannel(socket, Subprocess.PATIENCE, Subprocess.PATIENCE,
                    SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH));
            this.socket = socket;
        }

        @Override
        public void send(byte[] frame) {
            try {
                for (byte b : frame) {
                    socket.getOutputStream().write(b);
                    socket.getOutputStream().flush();
                }
            } catch (IOException e) {
                throw new ProtocolException(Failure.IO_ERROR, e.getMessage());
            }
        }
    }

    /**
     * Sends {@code bytes} one at a time, each once {@code pace} has passed without the server closing the
     * connection; returns how many were sent before it did.
     */
    private static int trickle(Socket socket, byte[] bytes, Duration pace) throws IOException {
        socket.setSoTimeout((int) pace.toMillis());
        InputStream in = socket.getInputStream();
        for (int sent = 0; sent < bytes.length; sent++) {
            try {
                socket.getOutputStream().write(bytes[sent]);
                socket.getOutputStream().flush();
            } catch (IOException closedByServer) {
                return sent;
            }
            try {
                if (in.read() < 0) {
                    return sent + 1;
                }
                throw new AssertionError("the server answered a partial ClientHello");
            } catch (SocketTimeoutException stillOpen) {
                // the pace between two bytes
            } catch (IOException closedByServer) {
                return sent + 1;
            }
        }
        return bytes.length;
    }

    /** A well-formed v2 ClientHello. */
    private static byte[] clientHello() {
        SecureRandomSource random = new SecureRandomSource();
        return LiveServer.FORMATS.v2().encode(new ClientHello(random.nextBytes(32), 2,
                Providers.of(CryptoChoice.bc).x25519PublicKey(random.nextBytes(32)), "X25519_AES256GCM_SHA256",
                LiveServer.SERVER_NAME));
    }
}
