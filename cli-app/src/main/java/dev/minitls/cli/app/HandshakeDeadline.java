package dev.minitls.cli.app;

import dev.minitls.domain.port.FrameChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a connection whose handshake is not over by a deadline. A per-read timeout is not enough: a client that
 * sends one byte a second never lets a read time out. Closing the connection ends the blocked handshake at once,
 * with an I/O failure that the caller, asking {@link #stop()}, reports as the timeout it is.
 */
final class HandshakeDeadline {

    private static final int RUNNING = 0;
    private static final int STOPPED = 1;
    private static final int EXPIRED = 2;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> timer;

    HandshakeDeadline(ScheduledExecutorService scheduler, Duration timeout, FrameChannel connection) {
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
}
