package dev.minitls.domain.port;

import java.util.List;

/**
 * A connection that carries whole frames, in order, each with exactly the bytes it was sent with, so that the
 * transcript can hash them. How frames are told apart on the wire is the transport's business; a frame's bytes
 * include its framing (in the JSON-lines protocols, a frame is one line, its newline included).
 *
 * <p>Implementations bound every read: a frame longer than their documented limit is a
 * {@link dev.minitls.domain.error.ProtocolException} with {@code FRAME_TOO_LONG}, never an unbounded buffer.
 * {@code FrameChannelContract}, in the domain's test-jar, checks every implementation against this description.
 */
public interface FrameChannel extends AutoCloseable {

    /**
     * Sends one whole frame, as the codec in use made it.
     *
     * @throws dev.minitls.domain.error.ProtocolException with {@code IO_ERROR} when the connection is closed or
     *     the write fails
     */
    void send(byte[] frame);

    /**
     * Sends whole frames in order, each as {@link #send(byte[])} would: a flight of handshake messages. A transport
     * that can should write them at once (one TCP write, not one per frame); by default they go one by one.
     */
    default void sendAll(List<byte[]> frames) {
        for (byte[] frame : frames) {
            send(frame);
        }
    }

    /**
     * The next frame, whole, as the peer sent it.
     *
     * @throws dev.minitls.domain.error.ProtocolException with {@code PEER_CLOSED} when the peer closed the
     *     connection at a frame boundary, {@code TRUNCATED} when it closed in the middle of a frame,
     *     {@code FRAME_TOO_LONG}, {@code TIMEOUT}, or {@code IO_ERROR} (among others, when this side closed)
     */
    byte[] receive();

    /** Closes the connection, which the peer sees as its end; closing again does nothing, and it never throws. */
    @Override
    void close();

    /** A short description of the peer, such as {@code 127.0.0.1:51234}, for log lines; the same after a close. */
    String peer();
}
