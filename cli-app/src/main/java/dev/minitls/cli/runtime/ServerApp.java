package dev.minitls.cli.runtime;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.transport.tcp.ConnectionHandler;
import dev.minitls.transport.tcp.Slots;
import dev.minitls.transport.tcp.SocketFrameChannel;
import dev.minitls.transport.tcp.TcpServer;
import dev.minitls.transport.tcp.TcpServerOptions;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server: a TCP listener whose every connection runs the server handshake and then prints each decrypted
 * message with the client's address. A connection that fails is reported in one line and closed; the others go on.
 *
 * <p>One port serves v1, v2 and tls13 (those the configuration accepts): the client's first byte tells them apart,
 * <code>&#123;</code> a JSON line (v1 or v2, told apart by the ClientHello), {@code 0x16} a TLS handshake record; a
 * connection that starts with anything else is closed, reported and counted ({@link #unrecognisedConnections()}).
 * The first byte is awaited within the handshake deadline and then read again by the handshake.
 *
 * <p>Within its {@link ServerLimits}: connections and handshakes over their caps, in all or from one address, are
 * closed at once and counted, a handshake that is not over by its deadline is cut, and each frame is awaited at most
 * the idle timeout, each frame sent at most the idle timeout too (a client that does not read is cut).
 */
public final class ServerApp implements AutoCloseable {

    /** What a connection that {@link #close()} cut is reported as: not the client's failure. */
    private static final String SHUTTING_DOWN = "closed: the server is shutting down";
    /** The first byte of a JSON line: protocol v1 or v2. */
    private static final int JSON_LINE = '{';
    /** The first byte of a TLS handshake record (content type 22), a ClientHello's: tls13. */
    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final ServerLimits limits;
    private final ServerConfig config;
    private final WireFormats formats;
    private final Session session;
    private final ServerEvents events;
    private final Slots handshakes;
    private final AtomicLong refusedHandshakes = new AtomicLong();
    private final AtomicLong unrecognised = new AtomicLong();
    private final TcpServer tcp;
    private volatile boolean closing;

    private ServerApp(String host, int port, ServerLimits limits, ServerConfig config, WireFormats formats,
            Session session, ServerEvents events) {
        this.limits = limits;
        this.config = config;
        this.formats = formats;
        this.session = session;
        this.events = events;
        this.handshakes = new Slots(limits.maxHandshakes(), limits.maxHandshakesPerAddress());
        this.tcp = TcpServer.start(new TcpServerOptions(host, port, limits.maxConnections(),
                limits.maxConnectionsPerAddress(), limits.idleTimeout(), SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH,
                TcpServerOptions.DEFAULT_CLOSE_GRACE), new ConnectionHandler() {
                    @Override
                    public void handle(SocketFrameChannel connection) {
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
     * each message of a v2 or tls13 client is sent back to it (v1 is one-way, as the original program).
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

        void run(SecureSession channel, String peer);

        /**
         * Reports each message to {@code events} until the client ends the session; with {@code echo}, also sends
         * each message of a v2 or tls13 client back to it (v1 is one-way, as the original program).
         */
        static Session printing(boolean echo, ServerEvents events) {
            return (channel, peer) -> {
                boolean echoing = echo && channel.protocol() != ProtocolVersion.V1;
                for (Optional<byte[]> message = channel.receive(); message.isPresent();
                        message = channel.receive()) {
                    events.received(peer, PeerText.escape(new String(message.get(), StandardCharsets.UTF_8)));
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

    /**
     * How many connections were closed unserved because {@link ServerLimits#maxConnections()} were open, or
     * {@link ServerLimits#maxConnectionsPerAddress()} from their address.
     */
    public long refusedConnections() {
        return tcp.refusedConnections();
    }

    /**
     * How many connections were closed unserved because {@link ServerLimits#maxHandshakes()} were under way, or
     * {@link ServerLimits#maxHandshakesPerAddress()} from their address.
     */
    public long refusedHandshakes() {
        return refusedHandshakes.get();
    }

    /**
     * How many connections were closed unserved because their first byte starts no protocol minitls speaks (neither
     * a JSON line nor a TLS handshake record).
     */
    public long unrecognisedConnections() {
        return unrecognised.get();
    }

    private void serve(SocketFrameChannel connection) {
        String peer = connection.peer();
        InetAddress address = connection.peerAddress();
        try {
            Slots.Outcome outcome = handshakes.tryTake(address);
            if (outcome != Slots.Outcome.TAKEN) {
                refusedHandshakes.incrementAndGet();
                events.failed(peer, outcome == Slots.Outcome.ALL_TAKEN
                        ? "refused: handshakes in progress at their limit of " + limits.maxHandshakes()
                        : "refused: handshakes in progress from " + address.getHostAddress()
                                + " at their limit of " + limits.maxHandshakesPerAddress() + " per address");
                return;
            }
            SecureSession channel;
            try {
                channel = HandshakeDeadline.run(limits.handshakeTimeout(), connection,
                        bounded -> handshake(connection, bounded));
            } finally {
                handshakes.release(address);
            }
            converse(channel, peer);
        } catch (ProtocolException e) {
            events.failed(peer, closing ? SHUTTING_DOWN : e.getMessage());
        } catch (RuntimeException e) {
            events.failed(peer, "internal error: " + PeerText.escape(e.toString()));
        }
    }

    /** The handshake of the protocol the client's first byte starts, within the deadline {@code bounded} keeps. */
    private SecureSession handshake(SocketFrameChannel connection, HandshakeDeadline bounded) {
        int first;
        try {
            first = connection.socket().peekFirstByte();
        } catch (ProtocolException e) {
            throw ServerHandshake.refuse(bounded, config, bounded.whyFailed(e));
        }
        if (first == JSON_LINE) {
            return ServerHandshake.accept(bounded, formats, config);
        }
        if (first == TLS_HANDSHAKE_RECORD) {
            try {
                config.requireAccepted(ProtocolVersion.TLS13);
            } catch (ProtocolException e) {
                tellTlsClient(connection, Alert.PROTOCOL_VERSION);
                throw ServerHandshake.refuse(bounded, config, e);
            }
            return Tls13ServerHandshake.accept(SocketTls13Records.server(connection.socket(), config.crypto()),
                    config, config.tls13());
        }
        unrecognised.incrementAndGet();
        throw ServerHandshake.refuse(bounded, config, new ProtocolException(Failure.MALFORMED_MESSAGE, String.format(
                "the first byte, 0x%02x, starts no protocol this server speaks (a JSON line starts with '{',"
                        + " a TLS handshake record with 0x16)", first)));
    }

    private void converse(SecureSession secure, String peer) {
        try (SecureSession channel = secure) {
            session.run(channel, peer);
        }
    }

    /**
     * Sends a TLS client {@code alert} in clear (what a TLS server that speaks none of the client's versions says,
     * RFC 8446 section 4.2.1), so that it learns why; a client that is gone already is none of our concern.
     */
    private void tellTlsClient(SocketFrameChannel connection, Alert alert) {
        try {
            SocketTls13Records.server(connection.socket(), config.crypto()).sendAlert(alert);
        } catch (RuntimeException gone) {
            // closed next in any case
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
    }
}
