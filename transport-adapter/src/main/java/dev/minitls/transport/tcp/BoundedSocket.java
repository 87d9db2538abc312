package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connected socket whose every read and write is bounded in time, for the channels built on it (JSON lines,
 * TLS 1.3 records). The read timeout bounds a whole frame or record, not each read: a peer that trickles bytes
 * cannot keep a receive waiting longer than a silent one. The write timeout bounds each write the same way: the
 * peer must take all of it within it; a blocking socket write has no timeout of its own and waits for ever on a
 * peer that does not read, so the {@link Deadlines deadlines' thread} closes the socket when a write is still
 * blocked at its end; the write then fails with {@code TIMEOUT}, and the connection is closed.
 *
 * <p>One thread may write while another reads.
 */
public final class BoundedSocket {

    private final Socket socket;
    private final DeadlineInput in;
    private final OutputStream out;
    private final InetAddress peerAddress;
    private final String peer;
    private final Duration writeTimeout;
    /** The write deadline; null without a write timeout. */
    private final WriteWatch writeWatch;
    private volatile int readTimeoutMillis;
    // The frame being read, used by the reading thread only: its timeout, and when it must be complete.
    private int frameTimeoutMillis;
    private long deadline;

    /**
     * Wraps a connected socket, which it owns from now on and closes if this constructor fails.
     *
     * @param readTimeout how long a whole frame may take to arrive, {@link Duration#ZERO} for ever
     * @param writeTimeout how long a write waits for the peer to take all of it, {@link Duration#ZERO} for ever
     * @throws ProtocolException with {@code IO_ERROR} when the socket cannot be used (e.g. it is not connected)
     * @throws IllegalArgumentException for a negative timeout
     */
    public BoundedSocket(Socket socket, Duration readTimeout, Duration writeTimeout) {
        this.socket = socket;
        try {
            this.readTimeoutMillis = Sockets.millis(readTimeout, "readTimeout");
            Sockets.millis(writeTimeout, "writeTimeout");
            this.writeTimeout = writeTimeout;
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            this.in = new DeadlineInput(socket.getInputStream());
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            Sockets.closeQuietly(socket);
            throw new ProtocolException(Failure.IO_ERROR, "cannot use the socket: " + Sockets.describe(e));
        } catch (IllegalArgumentException e) {
            Sockets.closeQuietly(socket);
            throw e;
        }
        this.peerAddress = socket.getInetAddress();
        this.peer = Sockets.address(peerAddress, socket.getPort());
        if (writeTimeout.isZero()) {
            this.writeWatch = null;
        } else {
            this.writeWatch = new WriteWatch(socket, writeTimeout);
            Deadlines.watch(writeWatch, System.nanoTime() + writeWatch.timeoutNanos);
        }
    }

    /**
     * The first byte the peer sends, awaited at most the read timeout (and ended sooner when a deadline closes the
     * socket), and kept: the next read of {@link #input()} returns it first, so that what frames the stream (JSON
     * lines, TLS records) reads it whole. A server tells the protocol of a connection by it.
     *
     * @throws ProtocolException {@code PEER_CLOSED} when the peer closed without sending a byte, {@code TIMEOUT}
     *     when none came within the read timeout, {@code IO_ERROR} when the read failed
     * @throws IllegalStateException when anything was read before
     */
    public int peekFirstByte() {
        if (in.started) {
            throw new IllegalStateException("the first byte was read already");
        }
        startFrame();
        int first;
        try {
            first = in.read();
        } catch (IOException e) {
            throw readFailed(e, "first byte");
        }
        if (first < 0) {
            throw new ProtocolException(Failure.PEER_CLOSED, "end of stream");
        }
        in.pending = first;
        return first;
    }

    /** The socket's stream: each read waits at most until the deadline of the frame {@link #startFrame()} began. */
    public InputStream input() {
        return in;
    }

    /** Starts reading one frame: from now on it has the read timeout to arrive whole. */
    public void startFrame() {
        frameTimeoutMillis = readTimeoutMillis;
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(frameTimeoutMillis);
    }

    /** What a failed read of a {@code what} (e.g. "frame") means: {@code TIMEOUT} or {@code IO_ERROR}. */
    public ProtocolException readFailed(IOException e, String what) {
        if (e instanceof SocketTimeoutException) {
            return new ProtocolException(Failure.TIMEOUT,
                    "no complete " + what + " from " + peer + " within " + frameTimeoutMillis + " ms");
        }
        return new ProtocolException(Failure.IO_ERROR, "receive from " + peer + " failed: " + Sockets.describe(e));
    }

    /**
     * Changes how long each later frame may take, {@link Duration#ZERO} for ever.
     *
     * @throws IllegalArgumentException for a negative timeout
     */
    public void setReadTimeout(Duration readTimeout) {
        readTimeoutMillis = Sockets.millis(readTimeout, "readTimeout");
    }

    /**
     * Writes {@code bytes}; when the peer has not taken them all by the write timeout, closes the connection. One
     * write at a time: a second waits for the first (which its deadline bounds).
     */
    public synchronized void write(byte[] bytes) {
        if (writeWatch != null) {
            writeWatch.begin();
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            if (writeWatch != null && !writeWatch.end()) {
                throw writeTimedOut();
            }
            throw new ProtocolException(Failure.IO_ERROR, "send to " + peer + " failed: " + Sockets.describe(e));
        }
        if (writeWatch != null && !writeWatch.end()) {
            // Written just as the deadline closed the connection: too late all the same.
            throw writeTimedOut();
        }
    }

    private ProtocolException writeTimedOut() {
        return new ProtocolException(Failure.TIMEOUT,
                "send to " + peer + " not taken by the peer within " + writeTimeout.toMillis() + " ms");
    }

    public void close() {
        Sockets.closeQuietly(socket);
    }

    /** The peer's {@code host:port}, for messages. */
    public String peer() {
        return peer;
    }

    /** The peer's IP address. */
    public InetAddress peerAddress() {
        return peerAddress;
    }

    /**
     * The write in progress, if any, and its deadline, looked at by the {@link Deadlines deadlines' thread}, which
     * closes the socket when a write is still blocked at its deadline. A write costs two atomic operations on this
     * field of its own and wakes no thread. The watch holds the socket weakly: a socket its owner dropped without
     * closing is still collected (and its descriptor freed), and the watch is forgotten once the socket is closed or
     * collected.
     */
    private static final class WriteWatch implements Deadlines.Watched {

        private static final long IDLE = Long.MIN_VALUE;
        private static final long EXPIRED = Long.MIN_VALUE + 1;

        private final WeakReference<Socket> socket;
        private final long timeoutNanos;
        /** {@link #IDLE}, {@link #EXPIRED}, or the nanoTime by which the write in progress must be over. */
        private final AtomicLong due = new AtomicLong(IDLE);

        WriteWatch(Socket socket, Duration timeout) {
            this.socket = new WeakReference<>(socket);
            this.timeoutNanos = timeout.toNanos();
        }

        void begin() {
            due.set(System.nanoTime() + timeoutNanos);
        }

        /** @return true when the write ended in time, false when its deadline closed the connection */
        boolean end() {
            return due.getAndSet(IDLE) != EXPIRED;
        }

        @Override
        public long check(long now) {
            Socket watched = socket.get();
            if (watched == null || watched.isClosed()) {
                return DONE;
            }
            long writeDue = due.get();
            if (writeDue == IDLE || writeDue == EXPIRED) {
                return now + timeoutNanos; // a write that begins now is due then
            }
            if (now - writeDue < 0) {
                return writeDue;
            }
            if (due.compareAndSet(writeDue, EXPIRED)) {
                Deadlines.run(() -> Sockets.closeQuietly(watched));
                return DONE;
            }
            return now; // that write ended and another began: look again
        }
    }

    /** The socket's stream, each read waiting at most until the deadline of the frame being read. */
    private final class DeadlineInput extends InputStream {

        private final InputStream in;
        /** Whether anything was read. */
        private boolean started;
        /** The byte {@link #peekFirstByte()} read, until it is read again; -1 when none. */
        private int pending = -1;
        /** The socket's timeout as last set by a read; -1 before the first. */
        private int timeoutMillis = -1;

        DeadlineInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            started = true;
            if (pending >= 0) {
                int first = pending;
                pending = -1;
                return first;
            }
            setTimeout(remainingMillis());
            return in.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            started = true;
            if (pending >= 0 && length > 0) {
                bytes[offset] = (byte) pending;
                pending = -1;
                return 1;
            }
            setTimeout(remainingMillis());
            return in.read(bytes, offset, length);
        }

        /** Sets the socket's timeout, unless it is set to that already (setting it takes the socket's lock). */
        private void setTimeout(int millis) throws SocketException {
            if (millis != timeoutMillis) {
                socket.setSoTimeout(millis);
                timeoutMillis = millis;
            }
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
            // Rounded up, so that the reads of a frame that takes less than a millisecond all ask for the same timeout.
            return (int) TimeUnit.NANOSECONDS.toMillis(left + TimeUnit.MILLISECONDS.toNanos(1) - 1);
        }
    }
}
