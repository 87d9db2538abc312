package dev.minitls.transport.tcp;

import dev.minitls.domain.port.FrameChannel;
import dev.minitls.transport.LineScan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * A {@link FrameChannel} over a TCP socket: one frame per newline-terminated line. Sends go out at once
 * ({@code TCP_NODELAY}, flushed), a flight of frames in one write; receives hold at most {@code maxFrameLength}
 * bytes, however long the line the peer sends. The read timeout bounds the whole frame, the write timeout each
 * send, as {@link BoundedSocket} says; a send the peer does not take in time closes the connection.
 *
 * <p>One thread may send while another receives. After a receive fails, the channel has lost its place in the
 * stream and should be closed.
 */
public final class SocketFrameChannel implements FrameChannel {

    /** The default limit on one frame, newline included: far above any protocol-v1 message. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 64 * 1024;

    private final BoundedSocket socket;
    private final FrameReader reader;

    /**
     * Wraps a connected socket; the channel owns it from now on, and closes it if this constructor fails.
     *
     * @param readTimeout how long {@link #receive()} waits for a whole frame, {@link Duration#ZERO} for ever
     * @param writeTimeout how long a send waits for the peer to take the whole frame or flight,
     *     {@link Duration#ZERO} for ever
     * @param maxFrameLength the longest frame accepted, newline included
     * @throws dev.minitls.domain.error.ProtocolException with {@code IO_ERROR} when the socket cannot be used (e.g.
     *     it is not connected)
     * @throws IllegalArgumentException for a negative timeout or a limit below 1
     */
    public SocketFrameChannel(Socket socket, Duration readTimeout, Duration writeTimeout, int maxFrameLength) {
        this.socket = new BoundedSocket(socket, readTimeout, writeTimeout);
        try {
            this.reader = new FrameReader(this.socket.input(), maxFrameLength);
        } catch (IllegalArgumentException e) {
            this.socket.close();
            throw e;
        }
    }

    /**
     * The socket under this channel, for a server that tells a connection's protocol by its first byte
     * ({@link BoundedSocket#peekFirstByte()}) before any frame is read, and hands the socket to another framing
     * (TLS records) when it is not JSON lines. Once a frame was read, the socket is this channel's alone.
     */
    public BoundedSocket socket() {
        return socket;
    }

    @Override
    public void send(byte[] frame) {
        checkOneLine(frame);
        socket.write(frame);
    }

    /** Writes the frames in one write, so that a flight of handshake messages leaves together. */
    @Override
    public void sendAll(List<byte[]> frames) {
        int length = 0;
        for (byte[] frame : frames) {
            checkOneLine(frame);
            length += frame.length;
        }
        byte[] flight = new byte[length];
        int at = 0;
        for (byte[] frame : frames) {
            System.arraycopy(frame, 0, flight, at, frame.length);
            at += frame.length;
        }
        socket.write(flight);
    }

    /**
     * Changes how long each later {@link #receive()} waits for a whole frame, {@link Duration#ZERO} for ever: a
     * client may bound the handshake and then wait for the peer's messages as long as the user likes.
     *
     * @throws IllegalArgumentException for a negative timeout
     */
    public void setReadTimeout(Duration readTimeout) {
        socket.setReadTimeout(readTimeout);
    }

    @Override
    public byte[] receive() {
        socket.startFrame();
        try {
            return reader.next();
        } catch (IOException e) {
            throw socket.readFailed(e, "frame");
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String peer() {
        return socket.peer();
    }

    /** The peer's IP address. */
    public InetAddress peerAddress() {
        return socket.peerAddress();
    }

    private static void checkOneLine(byte[] frame) {
        int last = frame.length - 1;
        if (last < 0 || frame[last] != '\n') {
            throw new IllegalArgumentException("a frame must end with a newline");
        }
        if (LineScan.indexOfNewline(frame, 0, last) >= 0) {
            throw new IllegalArgumentException("a frame must not contain a newline before its end");
        }
    }
}
