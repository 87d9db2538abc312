package dev.minitls.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input stream whose reads all wait at most until one deadline: the deadline of the frame (or record)
 * being received, so that a peer that trickles bytes cannot keep a receive waiting longer than a silent one. Used
 * by the receiving thread only.
 */
public final class DeadlineInput extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private int timeoutMillis;
    private long deadline;

    /** @throws IOException when the socket has no input stream (e.g. it is closed) */
    public DeadlineInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * Starts receiving one frame: every read from now on waits at most until {@code timeout} from now,
     * {@link Duration#ZERO} meaning for ever.
     *
     * @throws IllegalArgumentException for a negative timeout
     */
    public void startFrame(Duration timeout) {
        timeoutMillis = Sockets.millis(timeout, "timeout");
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** The timeout of the frame being received, in milliseconds (0: none), for messages. */
    public int timeoutMillis() {
        return timeoutMillis;
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

    /** The socket timeout for the next read: 0 (none) without a timeout, else at least 1 ms. */
    private int remainingMillis() throws SocketTimeoutException {
        if (timeoutMillis == 0) {
            return 0;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("the frame's deadline has passed");
        }
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
    }
}
