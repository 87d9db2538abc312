package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.transport.LineScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A {@link FrameChannel} over a TCP socket: one frame per newline-terminated line. Sends go out at once
 * ({@code TCP_NODELAY}, flushed); receives wait at most the read timeout and hold at most
 * {@code maxFrameLength} bytes, however long the line the peer sends.
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
    private final int readTimeoutMillis;
    private final String peer;

    /**
     * Wraps a connected socket; the channel owns it from now on, and closes it if this constructor fails.
     *
     * @param readTimeout how long {@link #receive()} waits for data, {@link Duration#ZERO} for ever
     * @param maxFrameLength the longest frame accepted, newline included
     * @throws ProtocolException with {@code IO_ERROR} when the socket cannot be used (e.g. it is not connected)
     * @throws IllegalArgumentException for a negative timeout or a limit below 1
     */
    public SocketFrameChannel(Socket socket, Duration readTimeout, int maxFrameLength) {
        this.socket = socket;
        try {
            this.readTimeoutMillis = Sockets.millis(readTimeout, "readTimeout");
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.reader = new FrameReader(in, maxFrameLength);
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
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new ProtocolException(Failure.IO_ERROR, "send to " + peer + " failed: " + Sockets.describe(e));
        }
    }

    @Override
    public byte[] receive() {
        try {
            return reader.next();
        } catch (SocketTimeoutException e) {
            throw new ProtocolException(Failure.TIMEOUT,
                    "no complete frame from " + peer + " within " + readTimeoutMillis + " ms");
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
