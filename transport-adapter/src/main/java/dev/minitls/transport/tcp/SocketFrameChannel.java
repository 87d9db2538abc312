package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.transport.LineScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FrameChannel} over a TCP socket: one frame per newline-terminated line. Sends go out at once
 * ({@code TCP_NODELAY}, flushed), a flight of frames in one write; receives hold at most {@code maxFrameLength}
 * bytes, however long the line the peer sends, and the read timeout bounds the whole frame, not each read: a peer
 * that trickles bytes cannot keep a receive waiting longer than a silent one.
 *
 * <p>The write timeout bounds each send the same way: the peer must take the whole frame (or flight) within it. A
 * blocking socket write has no timeout of its own and waits for ever on a peer that does not read, so a
 * {@link Deadline} closes the socket when a send is still blocked at its end; the send then fails with
 * {@code TIMEOUT}, and the connection is closed.
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
    private final InetAddress peerAddress;
    private final String peer;
    private final Duration writeTimeout;
    private volatile int readTimeoutMillis;
    // The frame being received, used by the receiving thread only: its timeout, and when it must be complete.
    private int frameTimeoutMillis;
    private long deadline;

    /**
     * Wraps a connected socket; the channel owns it from now on, and closes it if this constructor fails.
     *
     * @param readTimeout how long {@link #receive()} waits for a whole frame, {@link Duration#ZERO} for ever
     * @param writeTimeout how long a send waits for the peer to take the whole frame or flight,
     *     {@link Duration#ZERO} for ever
     * @param maxFrameLength the longest frame accepted, newline included
     * @throws ProtocolException with {@code IO_ERROR} when the socket cannot be used (e.g. it is not connected)
     * @throws IllegalArgumentException for a negative timeout or a limit below 1
     */
    public SocketFrameChannel(Socket socket, Duration readTimeout, Duration writeTimeout, int maxFrameLength) {
        this.socket = socket;
        try {
            this.readTimeoutMillis = Sockets.millis(readTimeout, "readTimeout");
            Sockets.millis(writeTimeout, "writeTimeout");
            this.writeTimeout = writeTimeout;
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.reader = new FrameReader(new DeadlineInput(in), maxFrameLength);
        } catch (IOException e) {
            Sockets.closeQuietly(socket);
            throw new ProtocolException(Failure.IO_ERROR, "cannot use the socket: " + Sockets.describe(e));
        } catch (IllegalArgumentException e) {
            Sockets.closeQuietly(socket);
            throw e;
        }
        this.peerAddress = socket.getInetAddress();
        this.peer = Sockets.address(peerAddress, socket.getPort());
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

    /** Writes {@code bytes}; when the peer has not taken them all by the write timeout, closes the connection. */
    private void write(byte[] bytes) {
        Deadline deadline = writeTimeout.isZero() ? null : Deadline.start(writeTimeout, this::close);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            if (deadline != null && !deadline.stop()) {
                throw writeTimedOut();
            }
            throw new ProtocolException(Failure.IO_ERROR, "send to " + peer + " failed: " + Sockets.describe(e));
        }
        if (deadline != null && !deadline.stop()) {
            // Written just as the deadline closed the connection: too late all the same.
            throw writeTimedOut();
        }
    }

    private ProtocolException writeTimedOut() {
        return new ProtocolException(Failure.TIMEOUT,
                "send to " + peer + " not taken by the peer within " + writeTimeout.toMillis() + " ms");
    }

    /**
     * Changes how long each later {@link #receive()} waits for a whole frame, {@link Duration#ZERO} for ever: a
     * client may bound the handshake and then wait for the peer's messages as long as the user likes.
     *
     * @throws IllegalArgumentException for a negative timeout
     */
    public void setReadTimeout(Duration readTimeout) {
        readTimeoutMillis = Sockets.millis(readTimeout, "readTimeout");
    }

    @Override
    public byte[] receive() {
        frameTimeoutMillis = readTimeoutMillis;
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(frameTimeoutMillis);
        try {
            return reader.next();
        } catch (SocketTimeoutException e) {
            throw new ProtocolException(Failure.TIMEOUT,
                    "no complete frame from " + peer + " within " + frameTimeoutMillis + " ms");
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

    /** The peer's IP address. */
    public InetAddress peerAddress() {
        return peerAddress;
    }

    /** The socket's stream, each read waiting at most until the deadline of the frame being received. */
    private final class DeadlineInput extends InputStream {

        private final InputStream in;

        DeadlineInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remainingMillis());
            return in.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            socket.setSoTimeout(remainingMillis());
            return in.read(bytes, offset, length);
        }

        /** The socket timeout for the next read: 0 (none) without a read timeout, else at least 1 ms. */
        private int remainingMillis() throws SocketTimeoutException {
            if (frameTimeoutMillis == 0) {
                return 0;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("the frame's deadline has passed");
            }
            return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
        }
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
