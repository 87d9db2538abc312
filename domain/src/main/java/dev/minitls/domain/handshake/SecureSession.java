package dev.minitls.domain.handshake;

import java.util.Optional;

/**
 * A connection after a successful handshake, whichever protocol it speaks: what a server serves and a client
 * talks over. v1 and v2 sessions are {@link SecureChannel}s, tls13 ones {@link Tls13Session}s.
 *
 * <p>A KeyUpdate is TLS 1.3's alone: {@link #requestKeyUpdate()} refuses it on a v1 or v2 session.
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

    /**
     * Sends a KeyUpdate (RFC 8446 section 4.6.3) asking the peer to update its keys too, then sends under the next
     * key.
     *
     * @throws UnsupportedOperationException for a v1 or v2 session, whose keys never change
     * @throws IllegalStateException once this side has closed or shut down its output
     */
    default void requestKeyUpdate() {
        throw new UnsupportedOperationException("a KeyUpdate is TLS 1.3's: this connection speaks protocol "
                + protocol() + ", whose keys never change");
    }

    /** Ends the session: close_notify (v2, tls13) unless it went out already, then the connection is closed. */
    @Override
    void close();
}
