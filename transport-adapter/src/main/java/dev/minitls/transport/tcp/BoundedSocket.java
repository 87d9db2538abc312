package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connected socket whose every read and write is bounded in time, for the channels built on it (JSON lines,
 * TLS 1.3 records). The read timeout bounds a whole frame or record, not each read: a peer that trickles bytes
 * cannot keep a receive waiting longer than a silent one. The write timeout bounds each write the same way: the
 * peer must take all of it within it.
 *
 * <p>The socket blocks: a read or write is one system call, with no socket timeout (which would cost a poll and a
 * second read each time the data is not there yet). What bounds them is the {@link Deadlines deadlines' thread},
 * which looks at the socket when a read or write may be due: a read still blocked at its frame's deadline has the
 * socket's input shut (it then fails with {@code TIMEOUT}, and the connection can still send, e.g. close_notify);
 * a write still blocked at its deadline has the connection closed (it fails with {@code TIMEOUT}).
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
    /** The deadlines of the read and of the write in progress. */
    private final Watch watch;
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
            socket.setSoTimeout(0); // reads block; the watch bounds them
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
        this.watch = new Watch(socket, writeTimeout.toNanos(), TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis));
        watch.watchBy(System.nanoTime() + watch.firstLook());
    }

    /**
     * The first byte the peer sends, awaited the read timeout (and a sixteenth more at most; ended sooner when a
     * deadline closes the socket), and kept: the next read of {@link #input()} returns it first, so that what frames
     * the stream (JSON lines, TLS records) reads it whole. A server tells the protocol of a connection by it.
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
        watch.frameDue = frameTimeoutMillis == 0 ? Watch.NONE : deadline;
    }

    /** What a failed read of a {@code what} (e.g. "frame") means: {@code TIMEOUT} or {@code IO_ERROR}. */
    public ProtocolException readFailed(IOException e, String what) {
        if (e instanceof SocketTimeoutException) {
            return new ProtocolException(Failure.TIMEOUT, "no complete " + what + " from " + peer
                    + (in.refusedAsShut ? ": an earlier receive timed out" : " within " + frameTimeoutMillis
                            + " ms"));
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
        long nanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
        long before = watch.readTimeoutNanos;
        watch.readTimeoutNanos = nanos;
        if (nanos != 0 && (before == 0 || nanos < before)) {
            // A frame that starts now may be due before the deadlines' thread planned to look again.
            watch.watchBy(System.nanoTime() + nanos);
        }
    }

    /**
     * Writes {@code bytes}; when the peer has not taken them all by the write timeout, closes the connection. One
     * write at a time: a second waits for the first (which its deadline bounds).
     */
    public synchronized void write(byte[] bytes) {
        boolean timed = watch.writeTimeoutNanos != 0;
        if (timed) {
            watch.beginWrite();
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            if (timed && !watch.endWrite()) {
                throw writeTimedOut();
            }
            throw new ProtocolException(Failure.IO_ERROR, "send to " + peer + " failed: " + Sockets.describe(e));
        }
        if (timed && !watch.endWrite()) {
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
     * The read and the write in progress, if any, and their deadlines, looked at by the {@link Deadlines deadlines'
     * thread}: it shuts the socket's input when a read is still blocked at its frame's deadline, and closes the
     * socket when a write is still blocked at its deadline. A read or write costs two atomic operations on a field
     * of its own and wakes no thread. The watch holds the socket weakly: a socket its owner dropped without closing
     * is still collected (and its descriptor freed), and the watch is forgotten once the socket is closed or
     * collected.
     */
    private static final class Watch implements Deadlines.Watched {

        /** No deadline: nothing in progress, or no timeout. */
        static final long NONE = Long.MIN_VALUE;
        private static final long EXPIRED = Long.MIN_VALUE + 1;
        /** When to look again at a socket with nothing to bound. */
        private static final long IDLE_LOOK = TimeUnit.SECONDS.toNanos(30);
        /** How long a read may take to end once its input was shut, before the connection is closed. */
        private static final long ESCALATION = TimeUnit.SECONDS.toNanos(1);

        private final WeakReference<Socket> socket;
        private final long writeTimeoutNanos;
        /** The read timeout, 0 for none; changed by {@link #setReadTimeout}. */
        private volatile long readTimeoutNanos;
        /** When the frame being read must be complete, {@link #NONE} without a read timeout. */
        private volatile long frameDue = NONE;
        /** {@link #NONE}, {@link #EXPIRED}, or the nanoTime by which the read in progress must be over. */
        private final AtomicLong readDue = new AtomicLong(NONE);
        /** {@link #NONE}, {@link #EXPIRED}, or the nanoTime by which the write in progress must be over. */
        private final AtomicLong writeDue = new AtomicLong(NONE);
        private final AtomicBoolean watched = new AtomicBoolean();
        /** When the deadlines' thread shut the input; used by that thread only. */
        private long shutAt;

        Watch(Socket socket, long writeTimeoutNanos, long readTimeoutNanos) {
            this.socket = new WeakReference<>(socket);
            this.writeTimeoutNanos = writeTimeoutNanos;
            this.readTimeoutNanos = readTimeoutNanos;
        }

        /** The first look's delay: the shorter timeout, or none (0) without either. */
        long firstLook() {
            long read = readTimeoutNanos;
            return read == 0 || (writeTimeoutNanos != 0 && writeTimeoutNanos < read) ? writeTimeoutNanos : read;
        }

        /** Has the deadlines' thread look at this socket by {@code due}, when it has any timeout. */
        void watchBy(long due) {
            if (writeTimeoutNanos == 0 && readTimeoutNanos == 0) {
                return;
            }
            if (watched.compareAndSet(false, true)) {
                Deadlines.watch(this, due);
            } else {
                Deadlines.lookBy(due);
            }
        }

        void beginRead(long due) {
            readDue.set(due);
        }

        /** @return true when the read ended in time, false when its deadline shut the input */
        boolean endRead() {
            return readDue.getAndSet(NONE) != EXPIRED;
        }

        void beginWrite() {
            writeDue.set(System.nanoTime() + writeTimeoutNanos);
        }

        /** @return true when the write ended in time, false when its deadline closed the connection */
        boolean endWrite() {
            return writeDue.getAndSet(NONE) != EXPIRED;
        }

        @Override
        public long check(long now) {
            Socket watched = socket.get();
            if (watched == null || watched.isClosed()) {
                return DONE;
            }
            long next = now + IDLE_LOOK;
            if (writeTimeoutNanos != 0) {
                long due = writeDue.get();
                if (due == NONE || due == EXPIRED) {
                    next = earlier(next, now + writeTimeoutNanos); // a write that begins now is due then
                } else if (now - due < 0) {
                    next = earlier(next, onGrid(due, writeTimeoutNanos));
                } else if (writeDue.compareAndSet(due, EXPIRED)) {
                    Deadlines.run(() -> Sockets.closeQuietly(watched));
                    return DONE;
                } else {
                    return now; // that write ended and another began: look again
                }
            }
            long due = readDue.get();
            if (due == EXPIRED) {
                // The input was shut and the read has not ended yet: give it a second, then close the connection,
                // should shutting the input not have woken it.
                if (now - shutAt - ESCALATION < 0) {
                    return earlier(next, shutAt + ESCALATION);
                }
                Deadlines.run(() -> Sockets.closeQuietly(watched));
                return DONE;
            }
            if (due == NONE) {
                long frame = frameDue;
                long timeout = readTimeoutNanos;
                if (frame != NONE && frame - now > 0) {
                    next = earlier(next, onGrid(frame, timeout)); // a read of the frame in progress is due then
                } else if (timeout != 0) {
                    next = earlier(next, now + timeout); // a frame that starts now is due then
                }
            } else if (now - due < 0) {
                next = earlier(next, onGrid(due, readTimeoutNanos));
            } else if (readDue.compareAndSet(due, EXPIRED)) {
                shutAt = now;
                Deadlines.run(() -> shutInput(watched));
                next = earlier(next, now + ESCALATION);
            } else {
                return now; // that read ended and another began: look again
            }
            return next;
        }

        /**
         * {@code due}, moved later to the next point of a grid of a sixteenth of {@code timeout}: the deadlines of
         * many sockets with one timeout fall on few points, and the thread, which looks at every socket each time
         * it looks, looks about sixteen times per timeout for all the reads in progress with that timeout, not once
         * per read (sockets with other timeouts add their own looks). A deadline is thus met within a sixteenth of
         * its timeout.
         */
        private static long onGrid(long due, long timeout) {
            long grain = Math.max(timeout / 16, 1);
            return due - Math.floorMod(due, grain) + grain;
        }

        private static long earlier(long a, long b) {
            return b - a < 0 ? b : a;
        }

        /** Ends a blocked read with the end of the stream; the connection can still send. */
        private static void shutInput(Socket watched) {
            try {
                watched.shutdownInput();
            } catch (IOException closedMeanwhile) {
                // the read ends all the same
            }
        }
    }

    /** The socket's stream, each read waiting at most until the deadline of the frame being read. */
    private final class DeadlineInput extends InputStream {

        private final InputStream in;
        /** Whether anything was read. */
        private boolean started;
        /** The byte {@link #peekFirstByte()} read, until it is read again; -1 when none. */
        private int pending = -1;
        /** Whether a deadline shut the input: every later read is timed out too, not an end of stream. */
        private boolean shut;
        /** Whether a read was refused because an earlier one timed out. */
        private boolean refusedAsShut;

        DeadlineInput(InputStream in) {
            this.in = in;
        }

        /** One byte, read as any other read is (only {@link #peekFirstByte()} reads one byte, once a connection). */
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            started = true;
            if (pending >= 0 && length > 0) {
                bytes[offset] = (byte) pending;
                pending = -1;
                return 1;
            }
            if (frameTimeoutMillis == 0 && !shut) {
                return in.read(bytes, offset, length);
            }
            watch.beginRead(dueNow());
            try {
                return in.read(bytes, offset, length);
            } finally {
                ended();
            }
        }

        /** The frame's deadline, unless it has passed. */
        private long dueNow() throws SocketTimeoutException {
            refusedAsShut = shut;
            if (shut || deadline - System.nanoTime() <= 0) {
                throw new SocketTimeoutException("the frame's deadline has passed");
            }
            return deadline;
        }

        /**
         * Ends a read; when its deadline shut the input meanwhile, the read timed out, whatever it returned (even
         * bytes that came just as the deadline passed: too late all the same).
         */
        private void ended() throws SocketTimeoutException {
            if (!watch.endRead()) {
                shut = true;
                throw new SocketTimeoutException("the frame's deadline has passed");
            }
        }
    }
}
