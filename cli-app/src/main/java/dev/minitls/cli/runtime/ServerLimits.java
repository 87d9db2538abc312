package dev.minitls.cli.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a {@link ServerApp} takes on at once, in all and from one client address, and how long it waits, so that
 * no client can hold it for ever and no one address can take every slot.
 *
 * @param maxConnections connections served at once; one more is closed as soon as it is accepted, and counted
 * @param maxHandshakes handshakes in progress at once; a connection that would start one more is closed at once,
 *     and counted. Below {@code maxConnections}, it keeps room for established sessions when clients stall in
 *     the handshake
 * @param maxConnectionsPerAddress connections served at once from one client address; one more from that address
 *     is closed as soon as it is accepted, and counted
 * @param maxHandshakesPerAddress handshakes in progress at once from one client address; one more from that address
 *     is closed at once, and counted
 * @param handshakeTimeout the longest a whole handshake may take, however the client paces its bytes
 * @param idleTimeout the longest the server waits for each frame, in the handshake and in an established session,
 *     and for the client to take each frame the server sends
 */
public record ServerLimits(int maxConnections, int maxHandshakes, int maxConnectionsPerAddress,
        int maxHandshakesPerAddress, Duration handshakeTimeout, Duration idleTimeout) {

    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final int DEFAULT_MAX_HANDSHAKES = 32;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 16;
    public static final int DEFAULT_MAX_HANDSHAKES_PER_ADDRESS = 8;
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;

    /** @throws IllegalArgumentException naming the first value out of range */
    public ServerLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        requireAtLeastOne(maxConnections, "the connection limit");
        requireAtLeastOne(maxHandshakes, "the handshake limit");
        requireAtLeastOne(maxConnectionsPerAddress, "the connection limit per address");
        requireAtLeastOne(maxHandshakesPerAddress, "the handshake limit per address");
        requireAtLeastOneMillisecond(handshakeTimeout, "the handshake timeout");
        requireAtLeastOneMillisecond(idleTimeout, "the idle timeout");
    }

    /**
     * The defaults: 64 connections and 32 handshakes, 16 and 8 of them from one address, 10 s per handshake, 30 s
     * per frame.
     */
    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_HANDSHAKES, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                DEFAULT_MAX_HANDSHAKES_PER_ADDRESS, Duration.ofSeconds(DEFAULT_HANDSHAKE_TIMEOUT_SECONDS),
                Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS));
    }

    private static void requireAtLeastOne(int limit, String name) {
        if (limit < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + limit);
        }
    }

    private static void requireAtLeastOneMillisecond(Duration timeout, String name) {
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, got " + timeout.toMillis() + " ms");
        }
    }
}
