package dev.minitls.cli.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a {@link ServerApp} takes on at once and how long it waits, so that no client can hold it for ever.
 *
 * @param maxConnections connections served at once; one more is closed as soon as it is accepted, and counted
 * @param maxHandshakes handshakes in progress at once; a connection that would start one more is closed at once,
 *     and counted. Below {@code maxConnections}, it keeps room for established sessions when clients stall in
 *     the handshake
 * @param handshakeTimeout the longest a whole handshake may take, however the client paces its bytes
 * @param idleTimeout the longest the server waits for each frame, in the handshake and in an established session
 */
public record ServerLimits(int maxConnections, int maxHandshakes, Duration handshakeTimeout, Duration idleTimeout) {

    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final int DEFAULT_MAX_HANDSHAKES = 32;
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;

    /** @throws IllegalArgumentException naming the first value out of range */
    public ServerLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, got " + maxConnections);
        }
        if (maxHandshakes < 1) {
            throw new IllegalArgumentException("the handshake limit must be at least 1, got " + maxHandshakes);
        }
        requireAtLeastOneMillisecond(handshakeTimeout, "the handshake timeout");
        requireAtLeastOneMillisecond(idleTimeout, "the idle timeout");
    }

    /** The defaults: 64 connections, 32 handshakes, 10 s per handshake, 30 s per frame. */
    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_HANDSHAKES,
                Duration.ofSeconds(DEFAULT_HANDSHAKE_TIMEOUT_SECONDS), Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS));
    }

    private static void requireAtLeastOneMillisecond(Duration timeout, String name) {
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, got " + timeout.toMillis() + " ms");
        }
    }
}
