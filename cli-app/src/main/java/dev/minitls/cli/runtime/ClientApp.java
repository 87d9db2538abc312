package dev.minitls.cli.runtime;

import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.transport.tcp.SocketFrameChannel;
import dev.minitls.transport.tcp.TcpConnector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** The client: connects, runs the client handshake, sends messages and (in v2) takes the server's answers. */
public final class ClientApp {

    /** How long to wait for the connection, for each message from the server, and for the server to finish. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ClientApp() {
    }

    /**
     * Connects to {@code host:port} and completes the handshake, waiting at most {@link #TIMEOUT} for the connection
     * and for each frame; then reads wait for ever, since a user may pause as long as they like between messages
     * ({@link #converse} bounds the wait for the server's close_notify).
     */
    public static SecureChannel connect(String host, int port, ClientConfig config, WireFormats formats) {
        return connect(host, port, TIMEOUT, config, formats);
    }

    /** As {@link #connect(String, int, ClientConfig, WireFormats)}, waiting at most {@code handshakeTimeout}. */
    static SecureChannel connect(String host, int port, Duration handshakeTimeout, ClientConfig config,
            WireFormats formats) {
        SocketFrameChannel socket = TcpConnector.connect(host, port, handshakeTimeout, handshakeTimeout);
        SecureChannel channel = ClientHandshake.connect(socket, formats, config);
        socket.setReadTimeout(Duration.ZERO);
        return channel;
    }

    /**
     * Connects to {@code host:port} and completes the handshake.
     *
     * @param connectTimeout how long to wait for the TCP connection, {@link Duration#ZERO} for the system's limit
     * @param readTimeout how long each frame may take, in the handshake and after it; {@link Duration#ZERO} for ever
     */
    public static SecureChannel connect(String host, int port, Duration connectTimeout, Duration readTimeout,
            ClientConfig config, WireFormats formats) {
        return ClientHandshake.connect(TcpConnector.connect(host, port, connectTimeout, readTimeout), formats, config);
    }

    /**
     * Sends each message as one record, then ends the session. In v2, what the server sends meanwhile goes to
     * {@code received}, and the session ends with close_notify both ways; v1 is one-way. The channel is closed
     * however this ends; when the reading thread fails, that failure is what this throws.
     */
    public static void converse(SecureChannel channel, Iterator<String> messages, Consumer<String> received) {
        try {
            talk(channel, messages, received);
        } finally {
            channel.close();
        }
    }

    private static void talk(SecureChannel channel, Iterator<String> messages, Consumer<String> received) {
        CompletableFuture<Void> reader = new CompletableFuture<>();
        if (channel.protocol() == ProtocolVersion.V2) {
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
            while (messages.hasNext()) {
                send(channel, messages.next());
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

    private static void readAll(SecureChannel channel, Consumer<String> received) {
        for (Optional<byte[]> message = channel.receive(); message.isPresent(); message = channel.receive()) {
            received.accept(Printable.of(new String(message.get(), StandardCharsets.UTF_8)));
        }
    }

    /** Sends one text message as one record. */
    private static void send(SecureChannel channel, String message) {
        try {
            channel.send(message.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new UserError("message not sent: " + e.getMessage());
        }
    }
}
