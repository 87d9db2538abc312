package dev.minitls.transport.tcp;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An action, closing a connection, that runs at a deadline unless the deadline is stopped first: what bounds a
 * blocking call that has no timeout of its own, such as a socket write (Java's blocking write waits for the peer's
 * window for ever) or a whole handshake (each read is bounded, their sum is not). Closing the connection ends the
 * blocked call at once.
 *
 * <p>One daemon thread serves every deadline of the process, and only while deadlines are pending: it ends after
 * 30 s without any. A stopped deadline is dropped from its queue at once, so one per write costs a queue insertion
 * and removal, not a thread.
 */
public final class Deadline {

    private static final int RUNNING = 0;
    private static final int STOPPED = 1;
    private static final int EXPIRED = 2;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> timer;

    private Deadline(Duration timeout, Runnable onExpiry) {
        this.timer = Timer.INSTANCE.schedule(() -> {
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                onExpiry.run();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts the clock: {@code onExpiry} runs once {@code timeout} has passed, on the deadlines' thread, unless
     * {@link #stop()} came first. It must not throw nor block (closing a socket is what it is for).
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
        timer.cancel(false);
        state.compareAndSet(RUNNING, STOPPED);
        return state.get() == STOPPED;
    }

    /** Whether the deadline came before {@link #stop()}, and its action ran. */
    public boolean expired() {
        return state.get() == EXPIRED;
    }

    /** The deadlines' thread, made on first use. */
    private static final class Timer {

        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "minitls-deadlines");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            timer.setKeepAliveTime(30, TimeUnit.SECONDS);
            timer.allowCoreThreadTimeOut(true);
            return timer;
        }
    }
}
