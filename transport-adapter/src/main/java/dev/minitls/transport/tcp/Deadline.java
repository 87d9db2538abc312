package dev.minitls.transport.tcp;

import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An action, closing a connection, that runs at a deadline unless the deadline is stopped first: what bounds a
 * blocking call that has no timeout of its own, such as a socket write (Java's blocking write waits for the peer's
 * window for ever) or a whole handshake (each read is bounded, their sum is not). Closing the connection ends the
 * blocked call at once.
 *
 * <p>One daemon thread serves every deadline of the process, and only while there are deadlines: it looks at them
 * every {@link #TICK} and ends after 30 s without any, so an action runs at most one tick after its deadline.
 * Starting a deadline adds it to a lock-free queue and wakes nobody, and stopping one only marks it (the thread drops
 * it at its next look): a write with a deadline costs two atomic operations, where a timer task per write woke the
 * timer thread for every record sent.
 */
public final class Deadline {

    /** How often the deadlines are looked at: the most an action may run after its deadline. */
    static final Duration TICK = Duration.ofMillis(10);

    private static final int RUNNING = 0;
    private static final int STOPPED = 1;
    private static final int EXPIRED = 2;

    private final long due;
    private final Runnable onExpiry;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private Deadline(long due, Runnable onExpiry) {
        this.due = due;
        this.onExpiry = onExpiry;
    }

    /**
     * Starts the clock: {@code onExpiry} runs once {@code timeout} has passed (at most a {@link #TICK} later), on the
     * deadlines' thread, unless {@link #stop()} came first. It must not block (closing a socket is what it is for);
     * what it throws is dropped.
     */
    public static Deadline start(Duration timeout, Runnable onExpiry) {
        Deadline deadline = new Deadline(System.nanoTime() + timeout.toNanos(), onExpiry);
        Sweeper.watch(deadline);
        return deadline;
    }

    /**
     * Stops the clock once the bounded call is over, whichever way; calling it again changes nothing.
     *
     * @return true when stopped in time, false when the deadline came first and its action ran
     */
    public boolean stop() {
        state.compareAndSet(RUNNING, STOPPED);
        return state.get() == STOPPED;
    }

    /** Whether the deadline came before {@link #stop()}, and its action ran. */
    public boolean expired() {
        return state.get() == EXPIRED;
    }

    /** What the deadlines' thread does with this deadline at {@code now}: true once it is done with it. */
    private boolean settled(long now) {
        if (state.get() == STOPPED) {
            return true;
        }
        if (now - due < 0) {
            return false;
        }
        if (state.compareAndSet(RUNNING, EXPIRED)) {
            try {
                onExpiry.run();
            } catch (RuntimeException dropped) {
                // Nothing to tell it to: the bounded call learns of the expiry from stop().
            }
        }
        return true;
    }

    /** The deadlines' thread, started when a deadline comes and none is running. */
    private static final class Sweeper implements Runnable {

        private static final long TICK_NANOS = TICK.toNanos();
        private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
        private static final Queue<Deadline> PENDING = new ConcurrentLinkedQueue<>();
        private static final AtomicBoolean ALIVE = new AtomicBoolean();

        static void watch(Deadline deadline) {
            PENDING.add(deadline);
            if (!ALIVE.get() && ALIVE.compareAndSet(false, true)) {
                Thread thread = new Thread(new Sweeper(), "minitls-deadlines");
                thread.setDaemon(true);
                thread.start();
            }
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                LockSupport.parkNanos(TICK_NANOS);
                long now = System.nanoTime();
                for (Iterator<Deadline> pending = PENDING.iterator(); pending.hasNext();) {
                    if (pending.next().settled(now)) {
                        pending.remove();
                    }
                }
                if (!PENDING.isEmpty()) {
                    idleSince = now;
                } else if (now - idleSince > IDLE_NANOS) {
                    ALIVE.set(false);
                    // A deadline that came just now, before ALIVE was false, found this thread still alive.
                    if (PENDING.isEmpty() || !ALIVE.compareAndSet(false, true)) {
                        return;
                    }
                }
            }
        }
    }
}
