package dev.minitls.transport.tcp;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TcpServer} listens and serves.
 *
 * @param host the address to bind, e.g. {@code localhost} or {@code 0.0.0.0}
 * @param port the port to bind, 0 for any free port
 * @param maxConnections connections served at once; more are closed as soon as they are accepted
 * @param maxConnectionsPerAddress connections served at once from one client address; more from that address are
 *     closed as soon as they are accepted
 * @param idleTimeout how long each receive waits for a whole frame, and each send for the client to take it,
 *     {@link Duration#ZERO} for ever
 * @param maxFrameLength the longest frame accepted, newline included
 * @param closeGrace how long {@link TcpServer#close()} waits for handlers to end before interrupting them
 */
public record TcpServerOptions(String host, int port, int maxConnections, int maxConnectionsPerAddress,
        Duration idleTimeout, int maxFrameLength, Duration closeGrace) {

    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 16;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(5);

    public TcpServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(closeGrace, "closeGrace");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1, got "
                    + maxConnectionsPerAddress);
        }
        FrameReader.checkMaxFrameLength(maxFrameLength);
        Sockets.millis(idleTimeout, "idleTimeout");
        if (closeGrace.isNegative()) {
            throw new IllegalArgumentException("closeGrace must not be negative, got " + closeGrace);
        }
    }

    /** The defaults for everything but the address. */
    public static TcpServerOptions defaults(String host, int port) {
        return new TcpServerOptions(host, port, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                DEFAULT_IDLE_TIMEOUT, SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH, DEFAULT_CLOSE_GRACE);
    }
}
