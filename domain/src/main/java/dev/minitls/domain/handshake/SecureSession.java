package dev.minitls.domain.handshake;

import java.util.Optional;

/**
 * A connection after a successful handshake, whichever protocol it speaks: what a server serves and a client
 * talks over. v1 and v2 sessions are {@link SecureChannel}s, tls13 ones {@link Tls13Session}s.
 *
 * <p>Only this is common to the three; what one protocol alone has stays on its own type: a KeyUpdate is TLS 1.3's
 * ({@link Tls13Session#requestKeyUpdate()}, reached with {@code instanceof Tls13Session}).
 */
public interface SecureSession extends AutoCloseable {

    /** The protocol this session speaks. */
    ProtocolVersion protocol();

    /** The peer's address, for log lines. */
    String peer();

    /**
     * Sends one message as application data.
     *
     * @throws IllegalStateException once this side has closed, or shut down its output
     * @throws dev.minitls.domain.error.ProtocolException when the connection failed; it is closed
     */
    void send(byte[] message);

    /**
     * The next message, or empty when the peer ended the session cleanly (close_notify; in v1, the connection
     * closed between records).
     *
     * @throws dev.minitls.domain.error.ProtocolException when the connection failed; it is closed
     */
    Optional<byte[]> receive();

    /**
     * Says that this side sends nothing more but goes on receiving: close_notify goes out, and {@link #receive()}
     * goes on until the peer's own. Protocol v1, which cannot say so, closes.
     */
    void closeOutbound();

    /** Ends the session: close_notify (v2, tls13) unless it went out already, then the connection is closed. */
    @Override
    void close();
}
