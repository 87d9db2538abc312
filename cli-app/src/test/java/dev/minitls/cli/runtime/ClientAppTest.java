package dev.minitls.cli.runtime;

import static dev.minitls.cli.support.LiveServer.FORMATS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.support.LiveServer;
import dev.minitls.cli.support.SlowServer;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.transport.tcp.SocketFrameChannel;
import dev.minitls.transport.tcp.TcpConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 client as a user runs it: messages come when the user types them, however long that takes, and the
 * session always ends with close_notify.
 */
class ClientAppTest {

    /**
     * A handshake timeout short enough for a user's pause to outlast it, long enough that each frame of a handshake
     * beats it on a loaded machine, first (cold) handshake of the JVM included.
     */
    private static final Duration SHORT = Duration.ofSeconds(3);
    /** A user's pause between two messages, counted from the echo of the first: well over {@link #SHORT}. */
    private static final Duration PAUSE = SHORT.plusSeconds(2);

    @TempDir
    Path dir;

    private LiveServer server;

    @BeforeEach
    void startServer() {
        server = LiveServer.start(dir, ServerLimits.defaults());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aUserMayPauseLongerThanTheHandshakeTimeoutBetweenMessages() throws Exception {
        SecureSession channel = ClientApp.connect("127.0.0.1", server.port(), SHORT,
                server.clientConfig(ProtocolVersion.V2), FORMATS);
        List<String> echoes = new CopyOnWriteArrayList<>();
        CountDownLatch firstEcho = new CountDownLatch(1);

        ClientApp.converse(channel, pausingAfterFirst(firstEcho, "first", "second"), echo -> {
            echoes.add(echo);
            firstEcho.countDown();
        });

        assertThat(echoes).containsExactly("first", "second");
        String peer = server.events().awaitSenderOf("first");
        server.events().awaitClosed(peer);
        assertThat(server.events().messagesOf(peer)).containsExactly("first", "second");
        assertThat(server.events().failuresOf(peer)).isEmpty();
    }

    @Test
    void whenTheReadingThreadFailsThatFailureIsReportedNotTheClosedChannel() {
        // a read timeout kept after the handshake: the reading thread times out while the user has not typed the
        // second message yet, and closes the connection; only then does the user type it
        SecureSession channel = ClientApp.handshake(TcpConnector.connect("127.0.0.1", server.port(), SHORT, SHORT,
                SHORT), SHORT, server.clientConfig(ProtocolVersion.V2), FORMATS);

        assertThatThrownBy(() -> ClientApp.converse(channel, secondOnceTheServerSawTheEnd("first", "second"),
                echo -> { }))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT));
    }

    @Test
    void whenTheMessagesCannotBeReadTheSessionStillEndsWithCloseNotify() throws Exception {
        SecureSession channel = ClientApp.connect("127.0.0.1", server.port(),
                server.clientConfig(ProtocolVersion.V2), FORMATS);
        UncheckedIOException stdinFailed = new UncheckedIOException(new IOException("standard input failed"));
        Iterator<String> failing = new Iterator<>() {
            private boolean sent;

            @Override
            public boolean hasNext() {
                if (sent) {
                    throw stdinFailed;
                }
                return true;
            }

            @Override
            public String next() {
                sent = true;
                return "only";
            }
        };

        assertThatThrownBy(() -> ClientApp.converse(channel, failing, echo -> { })).isSameAs(stdinFailed);

        String peer = server.events().awaitSenderOf("only");
        server.events().awaitClosed(peer);
        assertThat(server.events().failuresOf(peer)).as("the server saw close_notify, not a cut connection")
                .isEmpty();
    }

    @Test
    void aServerThatSendsEachFrameInTimeButNotTheWholeHandshakeIsCutAtTheHandshakeDeadline() throws Exception {
        // four frames from the server (ServerHello, Certificate, CertificateVerify, Finished), each after a pause of
        // half the deadline: each frame comes well within the client's read timeout, the whole handshake does not
        Duration deadline = Duration.ofSeconds(2);
        try (SlowServer slow = SlowServer.start(new PkiFiles(dir), deadline.dividedBy(2))) {
            assertThatThrownBy(() -> ClientApp.connect("127.0.0.1", slow.port(), deadline,
                    server.clientConfig(ProtocolVersion.V2), FORMATS))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT))
                    .hasMessage("timed out: no complete handshake within 2 s");
        }
    }

    @Test
    void theHandshakeDeadlineRulesOverALongerReadTimeout() throws Exception {
        Duration deadline = Duration.ofSeconds(2);
        try (SlowServer slow = SlowServer.start(new PkiFiles(dir), deadline.dividedBy(2))) {
            SocketFrameChannel connection = TcpConnector.connect("127.0.0.1", slow.port(), Subprocess.PATIENCE,
                    Subprocess.PATIENCE, Subprocess.PATIENCE);

            assertThatThrownBy(() -> ClientApp.handshake(connection, deadline, server.clientConfig(ProtocolVersion.V2),
                    FORMATS))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT))
                    .hasMessage("timed out: no complete handshake within 2 s");
        }
    }

    /**
     * The messages, the user pausing after the first: once its echo has come (so the reading thread waits for the
     * next one from then on), for {@link #PAUSE} (a slow user, not synchronization).
     */
    private static Iterator<String> pausingAfterFirst(CountDownLatch firstEcho, String... messages) {
        return afterFirst(() -> {
            assertThat(firstEcho.await(Subprocess.PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .as("the echo of the first message").isTrue();
            Thread.sleep(PAUSE.toMillis());
        }, messages);
    }

    /** The messages, the second once the server saw this client's connection end. */
    private Iterator<String> secondOnceTheServerSawTheEnd(String... messages) {
        return afterFirst(() -> server.events().awaitClosed(server.events().awaitSenderOf(messages[0])), messages);
    }

    /** What the user does between the first message and the next. */
    @FunctionalInterface
    private interface Pause {
        void take() throws InterruptedException;
    }

    /** The messages, {@code pause} taken once after the first. */
    private static Iterator<String> afterFirst(Pause pause, String... messages) {
        return new Iterator<>() {
            private int next;
            private boolean paused;

            @Override
            public boolean hasNext() {
                if (next == 1 && !paused) {
                    paused = true;
                    try {
                        pause.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return next < messages.length;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return messages[next++];
            }
        };
    }
}
