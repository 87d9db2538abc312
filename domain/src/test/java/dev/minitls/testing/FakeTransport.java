package dev.minitls.testing;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.FrameChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Two connected in-memory endpoints, for running whole handshakes without a network. Each direction can be given
 * a {@link Fault} that drops, duplicates, reorders, corrupts, truncates or delays frames in flight, so that every
 * failure path can be driven from a test.
 *
 * <p>A receive that waits longer than {@link #PATIENCE_SECONDS} fails with {@code TIMEOUT}: a safety net so that a
 * broken test ends instead of hanging, not a timing assertion. Like every transport it bounds what it receives: a
 * frame longer than {@link #MAX_FRAME_LENGTH} is {@code FRAME_TOO_LONG}.
 */
public final class FakeTransport {

    public static final long PATIENCE_SECONDS = 10;

    /** The longest frame received, newline included: as long as the socket channel's default limit. */
    public static final int MAX_FRAME_LENGTH = 64 * 1024;

    private static final byte[] END_OF_STREAM = new byte[0];

    private final Endpoint client;
    private final Endpoint server;

    private FakeTransport(Fault clientToServer, Fault serverToClient) {
        BlockingQueue<byte[]> toServer = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
        this.client = new Endpoint("fake-client", toServer, toClient, clientToServer);
        this.server = new Endpoint("fake-server", toClient, toServer, serverToClient);
    }

    /** A clean pair. */
    public static FakeTransport pair() {
        return new FakeTransport(Fault.NONE, Fault.NONE);
    }

    /** A pair whose frames are altered in flight. */
    public static FakeTransport withFaults(Fault clientToServer, Fault serverToClient) {
        return new FakeTransport(clientToServer, serverToClient);
    }

    public Endpoint client() {
        return client;
    }

    public Endpoint server() {
        return server;
    }

    /** Decides what arrives when the {@code index}-th frame (from 0) is sent in one direction. */
    @FunctionalInterface
    public interface Fault {

        Fault NONE = (index, frame) -> List.of(frame);

        /** The frames to deliver instead of {@code frame} (none to drop it); an empty array closes the stream. */
        List<byte[]> apply(int index, byte[] frame);

        /** Drops frame {@code n}. */
        static Fault drop(int n) {
            return (index, frame) -> index == n ? List.of() : List.of(frame);
        }

        /** Delivers frame {@code n} twice. */
        static Fault duplicate(int n) {
            return (index, frame) -> index == n ? List.of(frame, frame) : List.of(frame);
        }

        /** Replaces frame {@code n} by {@code change.apply(frame)}. */
        static Fault alter(int n, UnaryOperator<byte[]> change) {
            return (index, frame) -> index == n ? List.of(change.apply(frame.clone())) : List.of(frame);
        }

        /** Delivers {@code replacement} instead of frame {@code n}. */
        static Fault replace(int n, byte[] replacement) {
            byte[] copy = replacement.clone();
            return (index, frame) -> index == n ? List.of(copy.clone()) : List.of(frame);
        }

        /** Delivers only the first {@code length} bytes of frame {@code n}, then ends the stream. */
        static Fault truncate(int n, int length) {
            return (index, frame) -> index == n
                    ? List.of(java.util.Arrays.copyOf(frame, length), END_OF_STREAM)
                    : List.of(frame);
        }

        /** Ends the stream instead of delivering frame {@code n}: the peer closed at that point. */
        static Fault closeAt(int n) {
            return (index, frame) -> index == n ? List.of(END_OF_STREAM) : List.of(frame);
        }

        /**
         * Delivers frame {@code n} after {@code delay}, as a slow link would: the sender is held up that long, so
         * that the frames behind it keep their order.
         */
        static Fault delay(int n, Duration delay) {
            return (index, frame) -> {
                if (index == n) {
                    try {
                        Thread.sleep(delay.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return List.of(frame);
            };
        }

        /** Holds frame {@code n} back and delivers it after frame {@code n + 1}. */
        static Fault swapWithNext(int n) {
            byte[][] held = new byte[1][];
            return (index, frame) -> {
                if (index == n) {
                    held[0] = frame;
                    return List.of();
                }
                if (index == n + 1 && held[0] != null) {
                    return List.of(frame, held[0]);
                }
                return List.of(frame);
            };
        }
    }

    /** One end of the pair. Truncated frames arrive as they are: the receiver sees bytes with no newline. */
    public static final class Endpoint implements FrameChannel {

        private final String name;
        private final BlockingQueue<byte[]> outbox;
        private final BlockingQueue<byte[]> inbox;
        private final Fault fault;
        private final List<byte[]> sent = new ArrayList<>();
        private final List<Integer> writes = new ArrayList<>();
        private int sentCount;
        private volatile boolean closed;
        private boolean ended;

        private Endpoint(String name, BlockingQueue<byte[]> outbox, BlockingQueue<byte[]> inbox, Fault fault) {
            this.name = name;
            this.outbox = outbox;
            this.inbox = inbox;
            this.fault = fault;
        }

        @Override
        public synchronized void send(byte[] frame) {
            sendAll(List.of(frame));
        }

        /** One write of several frames; each still meets the fault on its own, by its index. */
        @Override
        public synchronized void sendAll(List<byte[]> frames) {
            if (closed) {
                throw new ProtocolException(Failure.IO_ERROR, name + " is closed");
            }
            writes.add(frames.size());
            for (byte[] frame : frames) {
                sent.add(frame.clone());
                outbox.addAll(fault.apply(sentCount++, frame.clone()));
            }
        }

        @Override
        public byte[] receive() {
            if (closed) {
                throw new ProtocolException(Failure.IO_ERROR, name + " is closed");
            }
            if (ended) {
                throw new ProtocolException(Failure.PEER_CLOSED, "the peer closed the connection");
            }
            byte[] frame;
            try {
                frame = inbox.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProtocolException(Failure.IO_ERROR, "interrupted");
            }
            if (frame == null) {
                throw new ProtocolException(Failure.TIMEOUT, name + " waited " + PATIENCE_SECONDS + " s for a frame");
            }
            if (frame.length == 0) {
                ended = true;
                throw new ProtocolException(Failure.PEER_CLOSED, "the peer closed the connection");
            }
            if (frame[frame.length - 1] != '\n') {
                ended = true;
                throw new ProtocolException(Failure.TRUNCATED, "the peer closed in the middle of a frame");
            }
            if (frame.length > MAX_FRAME_LENGTH) {
                throw new ProtocolException(Failure.FRAME_TOO_LONG, "no newline within " + MAX_FRAME_LENGTH + " bytes");
            }
            return frame;
        }

        /** Frames this endpoint sent, as it sent them (before any fault). */
        public synchronized List<byte[]> sentFrames() {
            return List.copyOf(sent);
        }

        /** How many frames each write carried, in order: a flight sent at once is one write. */
        public synchronized List<Integer> writes() {
            return List.copyOf(writes);
        }

        /** Injects a frame as if the peer had sent it. */
        public void deliver(byte[] frame) {
            inbox.add(frame.clone());
        }

        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                outbox.add(END_OF_STREAM);
            }
        }

        @Override
        public String peer() {
            return name.equals("fake-client") ? "fake-server" : "fake-client";
        }
    }
}
