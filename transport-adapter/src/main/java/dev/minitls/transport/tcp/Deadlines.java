package dev.minitls.transport.tcp;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one daemon thread that enforces every deadline of the process: each {@link Deadline} (a timer, kept in order
 * of its time and removed when stopped), and the read and write deadlines of each {@link BoundedSocket} that has
 * a timeout (a {@link Watched} socket, looked at only when the earliest of their possible deadlines comes; each look
 * goes over every watched socket). It sleeps until the earliest moment anything may be due, so it costs nothing
 * between deadlines (a server holding ten thousand idle sessions with one idle timeout has them looked at about
 * sixteen times per timeout), and it ends 30 s after it last had anything to watch; the next timer or watch starts
 * it again, and so does its own end if it ever failed. Adding a timer or watch wakes it only when that may be due
 * before its next look.
 */
final class Deadlines {

    /** A socket whose reads and writes are watched: asked at each look over the sockets what it needs. */
    interface Watched {

        /** Returned by {@link #check}: never look again, forget it. */
        long DONE = Long.MIN_VALUE;

        /**
         * Acts on whatever is due at {@code now}, on the deadlines' thread (it must not block).
         *
         * @return the {@link System#nanoTime()} at which to look again, or {@link #DONE}
         */
        long check(long now);
    }

    /** An action at a time, unless cancelled first. */
    static final class Timer {

        private static final AtomicLong SEQUENCE = new AtomicLong();

        private final long due;
        private final long sequence = SEQUENCE.incrementAndGet();
        private final Runnable action;

        private Timer(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }
    }

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Comparator<Timer> BY_TIME = (a, b) -> a.due != b.due
            ? (a.due - b.due < 0 ? -1 : 1) : Long.compare(a.sequence, b.sequence);
    private static final NavigableSet<Timer> TIMERS = new ConcurrentSkipListSet<>(BY_TIME);
    private static final Set<Watched> WATCHED = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    /** The thread, while it runs; guarded by LOCK. */
    private static Thread thread;
    /** When the thread looks next, for a timer or the sockets; guarded by LOCK. */
    private static long nextLook;
    /** When the sockets are looked at next; guarded by LOCK. */
    private static long nextSocketLook;

    private Deadlines() {
    }

    /** Runs {@code action} at {@code due} (a nanoTime), on the deadlines' thread, unless {@link #cancel}led first. */
    static Timer schedule(long due, Runnable action) {
        Timer timer = new Timer(due, action);
        TIMERS.add(timer);
        wakeBy(due, false);
        return timer;
    }

    /** Forgets {@code timer}: its action does not run, unless it is running already. */
    static void cancel(Timer timer) {
        TIMERS.remove(timer);
    }

    /** Watches {@code watched} from now on, which may first be due at {@code firstDue} (a nanoTime). */
    static void watch(Watched watched, long firstDue) {
        WATCHED.add(watched);
        wakeBy(firstDue, true);
    }

    /** Makes sure the watched sockets are looked at by {@code due} (a nanoTime), e.g. after a timeout was shortened. */
    static void lookBy(long due) {
        wakeBy(due, true);
    }

    /** Makes sure the thread runs and looks by {@code due}, at the sockets too when {@code sockets}. */
    private static void wakeBy(long due, boolean sockets) {
        synchronized (LOCK) {
            if (sockets && due - nextSocketLook < 0) {
                nextSocketLook = due;
            }
            if (thread == null) {
                nextLook = due;
                start();
            } else if (due - nextLook < 0) {
                nextLook = due;
                LockSupport.unpark(thread);
            }
        }
    }

    /** Starts the thread; LOCK is held. */
    private static void start() {
        Thread started = new Thread(Deadlines::loop, "minitls-deadlines");
        started.setDaemon(true);
        started.start();
        thread = started;
    }

    private static void loop() {
        try {
            long idleSince = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                long wait;
                boolean lookAtSockets;
                synchronized (LOCK) {
                    wait = nextLook - now;
                    lookAtSockets = nextSocketLook - now <= 0;
                    if (wait <= 0) {
                        // Every timer or watch added from now on is either seen below or moves these itself.
                        nextLook = now + IDLE_NANOS;
                        if (lookAtSockets) {
                            nextSocketLook = now + IDLE_NANOS;
                        }
                    }
                }
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                long next = runDueTimers(now);
                if (lookAtSockets) {
                    long socketsNext = lookAtSockets(now);
                    synchronized (LOCK) {
                        if (socketsNext - nextSocketLook < 0) {
                            nextSocketLook = socketsNext;
                        }
                    }
                }
                synchronized (LOCK) {
                    next = nextSocketLook - next < 0 ? nextSocketLook : next;
                    if (next - nextLook < 0) {
                        nextLook = next;
                    }
                    if (!TIMERS.isEmpty() || !WATCHED.isEmpty()) {
                        idleSince = now;
                    } else if (now - idleSince > IDLE_NANOS) {
                        thread = null; // a later timer or watch starts a new thread (it takes LOCK first)
                        return;
                    }
                }
            }
        } finally {
            synchronized (LOCK) {
                if (thread == Thread.currentThread()) {
                    // Ended by a failure (an Error in an action, say): the deadlines must not stop with it.
                    thread = null;
                    nextLook = System.nanoTime();
                    start();
                }
            }
        }
    }

    /** Runs every timer due at {@code now}; returns when the next one is due (or a look in 30 s). */
    private static long runDueTimers(long now) {
        while (true) {
            Iterator<Timer> inOrder = TIMERS.iterator(); // never throws, whatever is cancelled meanwhile
            if (!inOrder.hasNext()) {
                return now + IDLE_NANOS;
            }
            Timer first = inOrder.next();
            if (first.due - now > 0) {
                return first.due;
            }
            if (TIMERS.remove(first)) {
                run(first.action);
            }
        }
    }

    /** Looks at every watched socket; returns when they must be looked at again. */
    private static long lookAtSockets(long now) {
        long next = now + IDLE_NANOS;
        for (Watched watched : WATCHED) {
            long due;
            try {
                due = watched.check(now);
            } catch (RuntimeException | Error e) {
                due = Watched.DONE; // a watch that cannot be checked is dropped, not left to stop the others
            }
            if (due == Watched.DONE) {
                WATCHED.remove(watched);
            } else if (due - next < 0) {
                next = due;
            }
        }
        return next;
    }

    /** Runs an action that is due; what it throws is dropped, so that it cannot stop the thread. */
    static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error dropped) {
            // Nobody to tell: the bounded call learns of its deadline from the connection being closed.
        }
    }
}
