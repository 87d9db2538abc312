package dev.minitls.transport.tcp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An action, closing a connection, that runs at a deadline unless the deadline is stopped first: what bounds a
 * blocking call that has no timeout of its own, such as a whole handshake (each read is bounded, their sum is not).
 * Closing the connection ends the blocked call at once. The {@link Deadlines deadlines' thread} runs the action; a
 * deadline stopped in time is removed at once.
 */
public final class Deadline {

    private static final int RUNNING = 0;
    private static final int STOPPED = 1;
    private static final int EXPIRED = 2;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final Deadlines.Timer timer;

    private Deadline(Duration timeout, Runnable onExpiry) {
        this.timer = Deadlines.schedule(System.nanoTime() + timeout.toNanos(), () -> {
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                onExpiry.run();
            }
        });
    }

    /**
     * Starts the clock: {@code onExpiry} runs once {@code timeout} has passed, on the deadlines' thread, unless
     * {@link #stop()} came first. It must not block (closing a socket is what it is for); what it throws is dropped.
     */
    public static Deadline start(Duration timeout, Runnable onExpiry) {
        return new Deadline(timeout, onExpiry);
    }

    /**
     * Stops the clock once the bounded call is over, whichever way; calling it again changes nothing.
     *
     * @return true when stopped in time, false when the deadline came first and its action ran
     */
    public boolean stop() {
        if (state.compareAndSet(RUNNING, STOPPED)) {
            Deadlines.cancel(timer);
        }
        return state.get() == STOPPED;
    }

    /** Whether the deadline came before {@link #stop()}, and its action ran. */
    public boolean expired() {
        return state.get() == EXPIRED;
    }
}
