package dev.minitls.cli.runtime;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.domain.port.FrameChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection that is closed when its handshake is not over by a deadline. A per-read timeout is not enough: a
 * client that sends one byte a second never lets a read time out. Closing the connection ends the blocked handshake
 * at once, and from then on what the connection throws is the {@code TIMEOUT} it is, not the I/O failure it looks
 * like, so that the handshake reports (and traces) the real cause.
 */
final class HandshakeDeadline extends ForwardingFrameChannel {

    private static final int RUNNING = 0;
    private static final int STOPPED = 1;
    private static final int EXPIRED = 2;

    private final Duration timeout;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> timer;

    HandshakeDeadline(ScheduledExecutorService scheduler, Duration timeout, FrameChannel connection) {
        super(connection);
        this.timeout = timeout;
        this.timer = scheduler.schedule(() -> {
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                connection.close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the clock once the handshake is over, whichever way; calling it again changes nothing.
     *
     * @return true when the handshake ended in time, false when the deadline came first and closed the connection
     */
    boolean stop() {
        timer.cancel(false);
        state.compareAndSet(RUNNING, STOPPED);
        return state.get() == STOPPED;
    }

    /** The failure of a handshake that the deadline cut: {@code within 10 s}, or {@code 250 ms} below a second. */
    ProtocolException expired() {
        long millis = timeout.toMillis();
        return new ProtocolException(Failure.TIMEOUT, "no complete handshake within "
                + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms"));
    }

    @Override
    public void send(byte[] frame) {
        try {
            super.send(frame);
        } catch (ProtocolException e) {
            throw whyFailed(e);
        }
    }

    @Override
    public void sendAll(List<byte[]> frames) {
        try {
            delegate().sendAll(frames);
        } catch (ProtocolException e) {
            throw whyFailed(e);
        }
    }

    @Override
    public byte[] receive() {
        try {
            return super.receive();
        } catch (ProtocolException e) {
            throw whyFailed(e);
        }
    }

    private ProtocolException whyFailed(ProtocolException failure) {
        return state.get() == EXPIRED ? expired() : failure;
    }
}
