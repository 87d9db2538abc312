package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.transport.LineScan;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * A {@link FrameChannel} over a TCP socket: one frame per newline-terminated line. Sends go out at once
 * ({@code TCP_NODELAY}, flushed), a flight of frames in one write; receives hold at most {@code maxFrameLength}
 * bytes, however long the line the peer sends, and the read timeout bounds the whole frame, not each read: a peer
 * that trickles bytes cannot keep a receive waiting longer than a silent one.
 *
 * <p>One thread may send while another receives. After a receive fails, the channel has lost its place in the
 * stream and should be closed.
 */
public final class SocketFrameChannel implements FrameChannel {

    /** The default limit on one frame, newline included: far above any protocol-v1 message. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 64 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final FrameReader reader;
    private final String peer;
    private final DeadlineInput input;
    private volatile Duration readTimeout;

    /**
     * Wraps a connected socket; the channel owns it from now on, and closes it if this constructor fails.
     *
     * @param readTimeout how long {@link #receive()} waits for a whole frame, {@link Duration#ZERO} for ever
     * @param maxFrameLength the longest frame accepted, newline included
     * @throws ProtocolException with {@code IO_ERROR} when the socket cannot be used (e.g. it is not connected)
     * @throws IllegalArgumentException for a negative timeout or a limit below 1
     */
    public SocketFrameChannel(Socket socket, Duration readTimeout, int maxFrameLength) {
        this.socket = socket;
        try {
            socket.setSoTimeout(Sockets.millis(readTimeout, "readTimeout"));
            this.readTimeout = readTimeout;
            socket.setTcpNoDelay(true);
            this.input = new DeadlineInput(socket);
            this.out = socket.getOutputStream();
            this.reader = new FrameReader(input, maxFrameLength);
        } catch (IOException e) {
            Sockets.closeQuietly(socket);
            throw new ProtocolException(Failure.IO_ERROR, "cannot use the socket: " + Sockets.describe(e));
        } catch (IllegalArgumentException e) {
            Sockets.closeQuietly(socket);
            throw e;
        }
        this.peer = Sockets.address(socket.getInetAddress(), socket.getPort());
    }

    @Override
    public void send(byte[] frame) {
        checkOneLine(frame);
        write(frame);
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
        write(flight);
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new ProtocolException(Failure.IO_ERROR, "send to " + peer + " failed: " + Sockets.describe(e));
        }
    }

    /**
     * Changes how long each later {@link #receive()} waits for a whole frame, {@link Duration#ZERO} for ever: a
     * client may bound the handshake and then wait for the peer's messages as long as the user likes.
     *
     * @throws IllegalArgumentException for a negative timeout
     */
    public void setReadTimeout(Duration readTimeout) {
        Sockets.millis(readTimeout, "readTimeout");
        this.readTimeout = readTimeout;
    }

    @Override
    public byte[] receive() {
        input.startFrame(readTimeout);
        try {
            return reader.next();
        } catch (SocketTimeoutException e) {
            throw new ProtocolException(Failure.TIMEOUT,
                    "no complete frame from " + peer + " within " + input.timeoutMillis() + " ms");
        } catch (IOException e) {
            throw new ProtocolException(Failure.IO_ERROR,
                    "receive from " + peer + " failed: " + Sockets.describe(e));
        }
    }

    @Override
    public void close() {
        Sockets.closeQuietly(socket);
    }

    @Override
    public String peer() {
        return peer;
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
