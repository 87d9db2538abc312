package dev.minitls.cli.runtime;

import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.transport.tcp.SocketFrameChannel;
import dev.minitls.transport.tcp.TcpConnector;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The client: connects, runs the client handshake of the configured protocol (v1, v2 or tls13), sends messages and
 * (in v2 and tls13) takes the server's answers.
 */
public final class ClientApp {

    /**
     * How long, in seconds, to wait by default for the connection and for the whole handshake, for the server to take
     * each frame sent, and for the server to finish.
     */
    public static final int TIMEOUT_SECONDS = 10;
    /** {@link #TIMEOUT_SECONDS} as a duration. */
    public static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

    private ClientApp() {
    }

    /**
     * Connects to {@code host:port} and completes the handshake, waiting at most {@link #TIMEOUT} for the
     * connection and for the whole handshake, however the server paces its frames; then reads wait for ever, since a
     * user may pause as long as they like between messages ({@link #converse} bounds the wait for the server's
     * close_notify), while each send waits at most {@link #TIMEOUT} for the server to take it.
     */
    public static SecureSession connect(String host, int port, ClientConfig config, WireFormats formats) {
        return connect(host, port, TIMEOUT, config, formats);
    }

    /**
     * As {@link #connect(String, int, ClientConfig, WireFormats)}, waiting at most {@code handshakeTimeout} for the
     * connection and for the whole handshake.
     */
    public static SecureSession connect(String host, int port, Duration handshakeTimeout, ClientConfig config,
            WireFormats formats) {
        // No read timeout: the handshake's deadline bounds its frames, and the user's pace the later ones.
        return handshake(TcpConnector.connect(host, port, handshakeTimeout, Duration.ZERO, TIMEOUT), handshakeTimeout,
                config, formats);
    }

    /**
     * Runs the client handshake over {@code connection}, which is closed when the handshake is not complete within
     * {@code handshakeTimeout}, however the server paces its frames.
     *
     * @throws ProtocolException with {@code TIMEOUT} when the deadline came first, else why the handshake failed
     */
    public static SecureSession handshake(SocketFrameChannel connection, Duration handshakeTimeout,
            ClientConfig config, WireFormats formats) {
        return HandshakeDeadline.run(handshakeTimeout, connection, bounded -> config.protocol().jsonLines()
                ? ClientHandshake.connect(bounded, formats, config)
                : Tls13ClientHandshake.connect(SocketTls13Records.client(connection.socket(), config.crypto()), config,
                        config.tls13()));
    }

    /**
     * Sends each message as one record, then ends the session. In v2 and tls13, what the server sends meanwhile goes
     * to {@code received}, and the session ends with close_notify both ways; v1 is one-way. The channel is closed
     * however this ends; when the reading thread fails, that failure is what this throws.
     */
    public static void converse(SecureSession channel, Iterator<String> messages, Consumer<String> received) {
        converse(channel, messages, received, 0);
    }

    /**
     * As {@link #converse(SecureSession, Iterator, Consumer)}; a tls13 session also requests a KeyUpdate after every
     * {@code keyUpdateEvery} records it sent (0: never).
     *
     * @throws IllegalArgumentException when {@code keyUpdateEvery} is negative, or positive for a v1 or v2 session
     */
    public static void converse(SecureSession channel, Iterator<String> messages, Consumer<String> received,
            int keyUpdateEvery) {
        try {
            if (keyUpdateEvery < 0 || keyUpdateEvery > 0 && channel.protocol() != ProtocolVersion.TLS13) {
                throw new IllegalArgumentException("a KeyUpdate every " + keyUpdateEvery + " records: only a tls13"
                        + " session updates its keys, every 1 record or more (0: never)");
            }
            talk(channel, messages, received, keyUpdateEvery);
        } finally {
            channel.close();
        }
    }

    private static void talk(SecureSession channel, Iterator<String> messages, Consumer<String> received,
            int keyUpdateEvery) {
        CompletableFuture<Void> reader = new CompletableFuture<>();
        if (channel.protocol() != ProtocolVersion.V1) {
            // A thread of its own: a blocking reader must not hold a thread of a shared pool.
            Thread thread = new Thread(() -> {
                try {
                    readAll(channel, received);
                    reader.complete(null);
                } catch (RuntimeException e) {
                    reader.completeExceptionally(e);
                }
            }, "minitls-client-reader");
            thread.setDaemon(true);
            thread.start();
        } else {
            reader.complete(null);
        }
        try {
            for (long sent = 1; messages.hasNext(); sent++) {
                send(channel, messages.next());
                if (keyUpdateEvery > 0 && sent % keyUpdateEvery == 0) {
                    channel.requestKeyUpdate();
                }
            }
            channel.closeOutbound();
        } catch (IllegalStateException e) {
            // The channel was closed under us: by the reading thread when it failed, and its failure says why.
            awaitReader(reader);
            throw e;
        }
        awaitReader(reader);
    }

    /** Waits at most {@link #TIMEOUT} for the reading thread to end; throws what it failed with. */
    private static void awaitReader(CompletableFuture<Void> reader) {
        try {
            reader.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new UserError("the server did not end the session within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    private static void readAll(SecureSession channel, Consumer<String> received) {
        for (Optional<byte[]> message = channel.receive(); message.isPresent(); message = channel.receive()) {
            received.accept(PeerText.escape(new String(message.get(), StandardCharsets.UTF_8)));
        }
    }

    /** Sends one text message as one record. */
    private static void send(SecureSession channel, String message) {
        try {
            channel.send(message.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new UserError("message not sent: " + e.getMessage());
        }
    }
}
