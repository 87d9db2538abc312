package dev.minitls.domain.port;

import java.util.List;

/**
 * A connection that carries whole frames: in the JSON-lines protocols, one line each, newline included. The frame
 * bytes are exactly the bytes on the wire, so that the transcript can hash them.
 *
 * <p>Implementations bound every read: a frame longer than their documented limit is a
 * {@link dev.minitls.domain.error.ProtocolException} with {@code FRAME_TOO_LONG}, never an unbounded buffer.
 */
public interface FrameChannel extends AutoCloseable {

    /** Writes the whole frame (it must end with {@code '\n'} and contain no other newline). */
    void send(byte[] frame);

    /**
     * Writes whole frames in order, each as {@link #send(byte[])} would: a flight of handshake messages. A transport
     * that can should write them at once (one TCP write, not one per frame); by default they go one by one.
     */
    default void sendAll(List<byte[]> frames) {
        for (byte[] frame : frames) {
            send(frame);
        }
    }

    /**
     * The next frame, newline included.
     *
     * @throws dev.minitls.domain.error.ProtocolException with {@code PEER_CLOSED} when the peer closed the
     *     connection at a frame boundary, {@code TRUNCATED} when it closed in the middle of a frame,
     *     {@code FRAME_TOO_LONG}, {@code TIMEOUT} or {@code IO_ERROR}
     */
    byte[] receive();

    /** Closes the connection; never throws. */
    @Override
    void close();

    /** A short description of the peer, such as {@code 127.0.0.1:51234}, for log lines. */
    String peer();
}
