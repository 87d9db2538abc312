package dev.minitls.cli.app;

import static dev.minitls.cli.support.LiveServer.FORMATS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.support.LiveServer;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 client as a user runs it: messages come when the user types them, however long that takes, and the
 * session always ends with close_notify.
 */
class ClientAppTest {

    /** A short handshake timeout, so that a user's pause can outlast it without slowing the test. */
    private static final Duration SHORT = Duration.ofMillis(200);
    /** A user's pause between two messages: well over {@link #SHORT}. */
    private static final Duration PAUSE = SHORT.multipliedBy(5);

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
        SecureChannel channel = ClientApp.connect("127.0.0.1", server.port(), SHORT,
                server.clientConfig(ProtocolVersion.V2), FORMATS);
        List<String> echoes = new ArrayList<>();

        ClientApp.converse(channel, pausingAfterFirst("first", "second"), echoes::add);

        assertThat(echoes).containsExactly("first", "second");
        String peer = server.events().awaitSenderOf("first");
        server.events().awaitClosed(peer);
        assertThat(server.events().messagesOf(peer)).containsExactly("first", "second");
        assertThat(server.events().failuresOf(peer)).isEmpty();
    }

    @Test
    void whenTheReadingThreadFailsThatFailureIsReportedNotTheClosedChannel() {
        // a read timeout kept after the handshake: the reading thread times out during the pause and closes
        SecureChannel channel = ClientApp.connect("127.0.0.1", server.port(), SHORT, SHORT,
                server.clientConfig(ProtocolVersion.V2), FORMATS);

        assertThatThrownBy(() -> ClientApp.converse(channel, pausingAfterFirst("first", "second"), echo -> { }))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT));
    }

    @Test
    void whenTheMessagesCannotBeReadTheSessionStillEndsWithCloseNotify() throws Exception {
        SecureChannel channel = ClientApp.connect("127.0.0.1", server.port(),
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

    /** The messages, the user pausing for {@link #PAUSE} after the first (a slow user, not synchronization). */
    private static Iterator<String> pausingAfterFirst(String... messages) {
        return new Iterator<>() {
            private int next;
            private boolean paused;

            @Override
            public boolean hasNext() {
                if (next == 1 && !paused) {
                    paused = true;
                    try {
                        Thread.sleep(PAUSE.toMillis());
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
