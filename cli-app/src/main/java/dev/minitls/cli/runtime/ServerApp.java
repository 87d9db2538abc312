package dev.minitls.cli.runtime;

import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.transport.tcp.ConnectionHandler;
import dev.minitls.transport.tcp.SocketFrameChannel;
import dev.minitls.transport.tcp.TcpServer;
import dev.minitls.transport.tcp.TcpServerOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server: a TCP listener whose every connection runs the server handshake and then prints each decrypted
 * message with the client's address. A connection that fails is reported in one line and closed; the others go on.
 *
 * <p>Within its {@link ServerLimits}: connections and handshakes over their caps are closed at once and counted, a
 * handshake that is not over by its deadline is cut, and each frame is awaited at most the idle timeout.
 */
public final class ServerApp implements AutoCloseable {

    /** What a connection that {@link #close()} cut is reported as: not the client's failure. */
    private static final String SHUTTING_DOWN = "closed: the server is shutting down";

    private final ServerLimits limits;
    private final ServerConfig config;
    private final WireFormats formats;
    private final Session session;
    private final ServerEvents events;
    private final Semaphore handshakes;
    private final AtomicLong refusedHandshakes = new AtomicLong();
    private final ScheduledThreadPoolExecutor deadlines;
    private final TcpServer tcp;
    private volatile boolean closing;

    private ServerApp(String host, int port, ServerLimits limits, ServerConfig config, WireFormats formats,
            Session session, ServerEvents events) {
        this.limits = limits;
        this.config = config;
        this.formats = formats;
        this.session = session;
        this.events = events;
        this.handshakes = new Semaphore(limits.maxHandshakes());
        this.deadlines = deadlineTimer();
        this.tcp = TcpServer.start(new TcpServerOptions(host, port, limits.maxConnections(), limits.idleTimeout(),
                SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH, TcpServerOptions.DEFAULT_CLOSE_GRACE), new ConnectionHandler() {
                    @Override
                    public void handle(FrameChannel connection) {
                        serve(connection);
                    }

                    @Override
                    public void closed(String peer) {
                        events.closed(peer);
                    }
                });
    }

    /** {@link #start(String, int, ServerLimits, ServerConfig, WireFormats, boolean, ServerEvents)} with the defaults. */
    public static ServerApp start(String host, int port, ServerConfig config, WireFormats formats, boolean echo,
            ServerEvents events) {
        return start(host, port, ServerLimits.defaults(), config, formats, echo, events);
    }

    /**
     * Starts listening on {@code host:port} (port 0 picks a free one) and serves until closed. With {@code echo},
     * each message of a v2 client is sent back to it (v1 is one-way, as the original program).
     */
    public static ServerApp start(String host, int port, ServerLimits limits, ServerConfig config,
            WireFormats formats, boolean echo, ServerEvents events) {
        return start(host, port, limits, config, formats, Session.printing(echo, events), events);
    }

    /**
     * Starts listening on {@code host:port} (port 0 picks a free one) and serves until closed: each connection whose
     * handshake completes goes to {@code session}, and is closed when the session returns.
     */
    public static ServerApp start(String host, int port, ServerLimits limits, ServerConfig config,
            WireFormats formats, Session session, ServerEvents events) {
        return new ServerApp(host, port, limits, config, formats, session, events);
    }

    /** What the server does with a connection once its handshake is complete. Called on the connection's thread. */
    @FunctionalInterface
    public interface Session {

        void run(SecureChannel channel, String peer);

        /**
         * Reports each message to {@code events} until the client ends the session; with {@code echo}, also sends
         * each message of a v2 client back to it (v1 is one-way, as the original program).
         */
        static Session printing(boolean echo, ServerEvents events) {
            return (channel, peer) -> {
                boolean echoing = echo && channel.protocol() == ProtocolVersion.V2;
                for (Optional<byte[]> message = channel.receive(); message.isPresent();
                        message = channel.receive()) {
                    events.received(peer, Printable.of(new String(message.get(), StandardCharsets.UTF_8)));
                    if (echoing) {
                        channel.send(message.get());
                    }
                }
            };
        }
    }

    /** What the server reports about each connection. Called from the connection's thread. */
    public interface ServerEvents {

        void received(String peer, String message);

        void failed(String peer, String reason);

        /**
         * The connection ended, after success or failure, and its slot under {@link ServerLimits#maxConnections()}
         * is free again.
         */
        void closed(String peer);

        /** Prints messages on {@code out} and failures on {@code err}, one line each. */
        static ServerEvents printingTo(PrintStream out, PrintStream err) {
            return new ServerEvents() {
                @Override
                public void received(String peer, String message) {
                    out.println("[" + peer + "] " + message);
                }

                @Override
                public void failed(String peer, String reason) {
                    err.println("[" + peer + "] " + reason);
                }

                @Override
                public void closed(String peer) {
                }
            };
        }
    }

    /** The port the server listens on. */
    public int port() {
        return tcp.port();
    }

    /** How many connections were closed unserved because {@link ServerLimits#maxConnections()} were open. */
    public long refusedConnections() {
        return tcp.refusedConnections();
    }

    /** How many connections were closed unserved because {@link ServerLimits#maxHandshakes()} were under way. */
    public long refusedHandshakes() {
        return refusedHandshakes.get();
    }

    private void serve(FrameChannel connection) {
        String peer = connection.peer();
        try {
            if (!handshakes.tryAcquire()) {
                refusedHandshakes.incrementAndGet();
                events.failed(peer, "refused: handshakes in progress at their limit of " + limits.maxHandshakes());
                return;
            }
            SecureChannel channel;
            try {
                channel = handshake(connection);
            } finally {
                handshakes.release();
            }
            converse(channel, peer);
        } catch (ProtocolException e) {
            events.failed(peer, closing ? SHUTTING_DOWN : e.getMessage());
        } catch (RuntimeException e) {
            events.failed(peer, "internal error: " + e);
        }
    }

    /** The server handshake, cut when it is not over by the deadline. */
    private SecureChannel handshake(FrameChannel connection) {
        HandshakeDeadline deadline = new HandshakeDeadline(deadlines, limits.handshakeTimeout(), connection);
        try {
            SecureChannel channel = ServerHandshake.accept(deadline, formats, config);
            if (deadline.stop()) {
                return channel;
            }
            // Done just as the deadline closed the connection: too late all the same.
            channel.close();
            throw deadline.expired();
        } finally {
            deadline.stop();
        }
    }

    private void converse(SecureChannel secure, String peer) {
        try (SecureChannel channel = secure) {
            session.run(channel, peer);
        }
    }

    /**
     * Stops accepting, closes every connection and waits for their threads (see {@link TcpServer#close()}). A
     * connection this cuts is reported as closed by the shutdown, not as failed by the client.
     */
    @Override
    public void close() {
        closing = true;
        tcp.close();
        deadlines.shutdownNow();
    }

    /** One daemon thread for every connection's handshake deadline; a cancelled deadline is dropped at once. */
    private static ScheduledThreadPoolExecutor deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "minitls-handshake-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
