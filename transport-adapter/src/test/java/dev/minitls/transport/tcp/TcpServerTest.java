package dev.minitls.transport.tcp;

import static dev.minitls.transport.tcp.SocketFrameChannelTest.assertFailure;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.transport.json.JsonLinesV1Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TcpServerTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    /** Read timeouts and close grace that no test waits out: a safety net, generous for a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void oneBadConnectionNeverHurtsTheOthers() throws Exception {
        Queue<Throwable> endings = new ConcurrentLinkedQueue<>();
        CountDownLatch badEndings = new CountDownLatch(3);
        TcpServer server = start(options(10, PATIENCE), channel -> {
            try {
                echoFinishedMessages(channel);
            } catch (RuntimeException e) {
                endings.add(e);
                badEndings.countDown();
                throw e;
            }
        });

        List<SocketFrameChannel> good = List.of(connect(server), connect(server), connect(server));
        for (SocketFrameChannel client : good) {
            assertEchoed(client, "\"0a\"\n");
        }

        SocketFrameChannel garbage = connect(server);
        garbage.send("this is not JSON\n".getBytes(UTF_8));
        SocketFrameChannel boom = connect(server);
        boom.send("\"b00b\"\n".getBytes(UTF_8));
        try (Socket halfway = new Socket(Loopback.ADDRESS, server.port());
                OutputStream out = halfway.getOutputStream()) {
            out.write("\"0b".getBytes(UTF_8));
        }

        assertThat(badEndings.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(endings).extracting(TcpServerTest::outcome).containsExactlyInAnyOrder(
                Failure.MALFORMED_MESSAGE.name(), Failure.TRUNCATED.name(), "IllegalStateException: boom");
        assertFailure(garbage::receive, Failure.PEER_CLOSED, "connection closed by peer: end of stream");
        assertFailure(boom::receive, Failure.PEER_CLOSED, "connection closed by peer: end of stream");

        for (SocketFrameChannel client : good) {
            assertEchoed(client, "\"0c\"\n");
        }
        assertEchoed(connect(server), "\"0d\"\n");
    }

    @Test
    void closeStopsAcceptingClosesConnectionsWaitsForHandlersAndReleasesThePort() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch ended = new CountDownLatch(2);
        TcpServer server = start(options(10, PATIENCE), channel -> {
            entered.countDown();
            try {
                echoFinishedMessages(channel);
            } finally {
                ended.countDown();
            }
        });
        int port = server.port();
        SocketFrameChannel first = connect(server);
        SocketFrameChannel second = connect(server);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        server.close();

        assertThat(ended.getCount()).as("handlers still running after close()").isZero();
        assertFailure(first::receive, Failure.PEER_CLOSED, "connection closed by peer: end of stream");
        assertFailure(second::receive, Failure.PEER_CLOSED, "connection closed by peer: end of stream");
        assertFailure(() -> TcpConnector.connect("127.0.0.1", port, FIVE_SECONDS, FIVE_SECONDS, FIVE_SECONDS),
                Failure.IO_ERROR,
                "connection failed: cannot connect to 127.0.0.1:" + port + ": Connection refused");
        try (ServerSocket again = new ServerSocket(port, 1, Loopback.ADDRESS)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        server.close();
    }

    @Test
    void connectionsOverTheCapAreClosedAtOnceAndCounted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TcpServer server = start(options(1, PATIENCE), channel -> {
            entered.countDown();
            awaitUninterruptibly(release);
            echoFinishedMessages(channel);
        });
        SocketFrameChannel first = connect(server);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        SocketFrameChannel second = connect(server);

        assertFailure(second::receive, Failure.PEER_CLOSED, "connection closed by peer: end of stream");
        assertThat(server.refusedConnections()).isEqualTo(1);
        release.countDown();
        assertEchoed(first, "\"01\"\n");
    }

    @Test
    void theHandlerIsToldClosedOnceTheSlotIsFreeSoAClientTheyTellCanConnectAtOnce() throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<String> nextClient = new CompletableFuture<>();
        TcpServer server = start(options(1, PATIENCE), new ConnectionHandler() {
            @Override
            public void handle(SocketFrameChannel channel) {
                echoFinishedMessages(channel);
            }

            @Override
            public void closed(String peer) {
                if (!nextClient.isDone()) {
                    try (SocketFrameChannel next = TcpConnector.connect("127.0.0.1", port.join(), PATIENCE,
                            PATIENCE, PATIENCE)) {
                        next.send("\"0d\"\n".getBytes(UTF_8));
                        nextClient.complete(new String(next.receive(), UTF_8));
                    } catch (RuntimeException e) {
                        nextClient.complete(outcome(e));
                    }
                }
            }
        });
        port.complete(server.port());

        connect(server).close();

        assertThat(nextClient.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the next client, under a cap of 1")
                .isEqualTo("\"0d\"\n");
        assertThat(server.refusedConnections()).isZero();
    }

    @Test
    void aClientThatNeverReadsIsCutAtTheIdleTimeoutAndItsSlotServesTheNextClient() throws Exception {
        CompletableFuture<RuntimeException> ending = new CompletableFuture<>();
        BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        // the idle timeout under test, short enough to wait out, long enough for the good client's frame
        Duration idle = Duration.ofSeconds(3);
        TcpServer server = start(new TcpServerOptions("127.0.0.1", 0, 1, 1, idle,
                SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH, PATIENCE), new ConnectionHandler() {
                    @Override
                    public void handle(SocketFrameChannel channel) {
                        try {
                            echoFinishedMessages(channel);
                        } catch (RuntimeException e) {
                            ending.complete(e);
                            throw e;
                        }
                    }

                    @Override
                    public void closed(String peer) {
                        closed.add(peer);
                    }
                });

        try (Socket deaf = new Socket(Loopback.ADDRESS, server.port())) {
            String peer = Sockets.address(deaf.getLocalAddress(), deaf.getLocalPort());
            // sends frames for the server to echo and never reads: the echoes fill both socket buffers
            CompletableFuture<IOException> writer = CompletableFuture.supplyAsync(() -> writeUntilCut(deaf));

            assertThat(ending.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT))
                    .hasMessage("timed out: send to " + peer + " not taken by the peer within 3000 ms");
            assertThat(closed.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(peer);
            assertThat(writer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the client's writes end").isNotNull();
        }
        assertEchoed(connect(server), "\"0d\"\n");
        assertThat(server.refusedConnections()).isZero();
    }

    @Test
    void connectionsOverTheCapOfTheirAddressAreClosedAtOnceAndCountedWhileOtherAddressesAreServed()
            throws Exception {
        BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        TcpServer server = start(new TcpServerOptions("127.0.0.1", 0, 10, 1, PATIENCE,
                SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH, PATIENCE), new ConnectionHandler() {
                    @Override
                    public void handle(SocketFrameChannel channel) {
                        echoFinishedMessages(channel);
                    }

                    @Override
                    public void closed(String peer) {
                        closed.add(peer);
                    }
                });
        Socket firstSocket = socketFrom("127.0.0.2", server);
        SocketFrameChannel first = channel(firstSocket);
        assertEchoed(first, "\"01\"\n");

        SocketFrameChannel second = channel(socketFrom("127.0.0.2", server));

        assertFailure(second::receive, Failure.PEER_CLOSED, "connection closed by peer: end of stream");
        assertThat(server.refusedConnections()).isEqualTo(1);
        assertEchoed(channel(socketFrom("127.0.0.3", server)), "\"02\"\n");
        assertEchoed(connect(server), "\"03\"\n");
        assertEchoed(first, "\"04\"\n");

        String firstPeer = Sockets.address(firstSocket.getLocalAddress(), firstSocket.getLocalPort());
        first.close();
        assertThat(closed.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(firstPeer);
        assertEchoed(channel(socketFrom("127.0.0.2", server)), "\"05\"\n");
        assertThat(server.refusedConnections()).isEqualTo(1);
    }

    @Test
    void handlersStillRunningAfterTheGraceAreInterrupted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        TcpServer server = start(options(1, Duration.ZERO), channel -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        connect(server);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        server.close();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingFromAnInterruptedThreadInterruptsHandlersAndKeepsTheInterrupt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        TcpServer server = start(options(1, Duration.ofMinutes(5)), channel -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        connect(server);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean stillInterrupted = new AtomicBoolean();

        Thread closer = new Thread(() -> {
            Thread.currentThread().interrupt();
            server.close();
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        closer.start();
        closer.join();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void theReadTimeoutAndFrameLimitReachEachConnection() throws Exception {
        Queue<Failure> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(2);
        TcpServer server = start(new TcpServerOptions("127.0.0.1", 0, 4, 4, Duration.ofMillis(50), 10, FIVE_SECONDS),
                channel -> {
                    try {
                        // the read timeout runs from the receive: wait until the long frame was sent, however slowly
                        sent.await(10, TimeUnit.SECONDS);
                        channel.receive();
                    } catch (ProtocolException e) {
                        failures.add(e.failure());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });

        SocketFrameChannel silent = connect(server);
        connect(server).send("\"0123456789\"\n".getBytes(UTF_8));
        sent.countDown();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).containsExactlyInAnyOrder(Failure.TIMEOUT, Failure.FRAME_TOO_LONG);
        assertFailure(silent::receive, Failure.PEER_CLOSED, "connection closed by peer: end of stream");
    }

    @Test
    void aTakenPortIsAnIoError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, Loopback.ADDRESS)) {
            TcpServerOptions options = TcpServerOptions.defaults("127.0.0.1", taken.getLocalPort());

            assertThatThrownBy(() -> TcpServer.start(options, channel -> { }))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.IO_ERROR))
                    .hasMessage("connection failed: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": Address already in use");
        }
    }

    @Test
    void portZeroBindsAFreePort() {
        TcpServer server = start(TcpServerOptions.defaults("127.0.0.1", 0), channel -> { });

        assertThat(server.port()).isPositive();
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> new TcpServerOptions("h", 65536, 1, 1, Duration.ZERO, 1, Duration.ZERO))
                .hasMessage("port must be between 0 and 65535, got 65536");
        assertThatThrownBy(() -> new TcpServerOptions("h", -1, 1, 1, Duration.ZERO, 1, Duration.ZERO))
                .hasMessage("port must be between 0 and 65535, got -1");
        assertThatThrownBy(() -> new TcpServerOptions("h", 0, 0, 1, Duration.ZERO, 1, Duration.ZERO))
                .hasMessage("maxConnections must be at least 1, got 0");
        assertThatThrownBy(() -> new TcpServerOptions("h", 0, 1, 0, Duration.ZERO, 1, Duration.ZERO))
                .hasMessage("maxConnectionsPerAddress must be at least 1, got 0");
        assertThatThrownBy(() -> new TcpServerOptions("h", 0, 1, 1, Duration.ZERO, 0, Duration.ZERO))
                .hasMessage("maxFrameLength must be at least 1, got 0");
        assertThatThrownBy(() -> new TcpServerOptions("h", 0, 1, 1, Duration.ofMillis(-1), 1, Duration.ZERO))
                .hasMessageStartingWith("idleTimeout must be between 0 and 2147483647 ms");
        assertThatThrownBy(() -> new TcpServerOptions("h", 0, 1, 1, Duration.ZERO, 1, Duration.ofMillis(-1)))
                .hasMessage("closeGrace must not be negative, got PT-0.001S");
    }

    /** Decodes each frame as a Finished message and sends it back; "b00b" makes it throw. */
    private static void echoFinishedMessages(FrameChannel channel) {
        JsonLinesV1Codec codec = new JsonLinesV1Codec();
        while (true) {
            byte[] frame = channel.receive();
            codec.decode(frame, MessageType.FINISHED);
            if (new String(frame, UTF_8).equals("\"b00b\"\n")) {
                throw new IllegalStateException("boom");
            }
            channel.send(frame);
        }
    }

    /** Writes frames until the connection fails; returns that failure. */
    private static IOException writeUntilCut(Socket socket) {
        byte[] frame = ("\"" + "0a".repeat(8000) + "\"\n").getBytes(UTF_8);
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(frame);
            }
        } catch (IOException e) {
            return e;
        }
    }

    private static String outcome(Throwable ending) {
        return ending instanceof ProtocolException e ? e.failure().name()
                : ending.getClass().getSimpleName() + ": " + ending.getMessage();
    }

    private static void assertEchoed(SocketFrameChannel client, String frame) {
        client.send(frame.getBytes(UTF_8));
        assertThat(new String(client.receive(), UTF_8)).isEqualTo(frame);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static TcpServerOptions options(int maxConnections, Duration closeGrace) {
        return new TcpServerOptions("127.0.0.1", 0, maxConnections, maxConnections, PATIENCE,
                SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH, closeGrace);
    }

    private TcpServer start(TcpServerOptions options, ConnectionHandler handler) {
        TcpServer server = TcpServer.start(options, handler);
        toClose.add(server);
        return server;
    }

    /** A TCP connection to the server from the loopback address {@code local} (any of 127.0.0.0/8). */
    private Socket socketFrom(String local, TcpServer server) throws IOException {
        Socket socket = new Socket();
        toClose.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) PATIENCE.toMillis());
        return socket;
    }

    private SocketFrameChannel channel(Socket socket) {
        SocketFrameChannel channel = new SocketFrameChannel(socket, PATIENCE, PATIENCE,
                SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH);
        toClose.add(channel);
        return channel;
    }

    private SocketFrameChannel connect(TcpServer server) {
        SocketFrameChannel channel = TcpConnector.connect("127.0.0.1", server.port(), PATIENCE, PATIENCE,
                PATIENCE);
        toClose.add(channel);
        return channel;
    }
}
