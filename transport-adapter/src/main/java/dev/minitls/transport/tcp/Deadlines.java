package dev.minitls.transport.tcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one daemon thread that enforces every deadline of the process: each {@link Deadline}, and the write deadline of
 * each {@link BoundedSocket} that has one. It sleeps until the earliest moment something it watches may be due, so it
 * costs nothing between deadlines (a server holding ten thousand idle sessions is looked at once per write timeout),
 * and it ends 30 s after it last watched anything; the next watch starts it again. Adding a watch wakes it only when
 * the watch may be due before the thread's next look.
 */
final class Deadlines {

    /** One thing watched: asked at each look what it needs. */
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

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Set<Watched> WATCHED = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    /** The thread, while it runs; guarded by LOCK. */
    private static Thread thread;
    /** When the thread looks next; guarded by LOCK. */
    private static long nextLook;

    private Deadlines() {
    }

    /** Watches {@code watched} from now on, which may first be due at {@code firstDue} (a nanoTime). */
    static void watch(Watched watched, long firstDue) {
        WATCHED.add(watched);
        synchronized (LOCK) {
            if (thread == null) {
                nextLook = firstDue;
                thread = new Thread(Deadlines::loop, "minitls-deadlines");
                thread.setDaemon(true);
                thread.start();
            } else if (firstDue - nextLook < 0) {
                nextLook = firstDue;
                LockSupport.unpark(thread);
            }
        }
    }

    /** Runs an action that is due; what it throws is dropped, so that it cannot stop the thread. */
    static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException dropped) {
            // Nobody to tell: the bounded call learns of its deadline from the connection being closed.
        }
    }

    private static void loop() {
        long idleSince = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long wait;
            synchronized (LOCK) {
                wait = nextLook - now;
                if (wait <= 0) {
                    // Every watch added from now on either is seen by the look below or moves nextLook itself.
                    nextLook = now + IDLE_NANOS;
                }
            }
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            long next = now + IDLE_NANOS;
            for (Watched watched : WATCHED) {
                long due = watched.check(now);
                if (due == Watched.DONE) {
                    WATCHED.remove(watched);
                } else if (due - next < 0) {
                    next = due;
                }
            }
            synchronized (LOCK) {
                if (next - nextLook < 0) {
                    nextLook = next;
                }
                if (!WATCHED.isEmpty()) {
                    idleSince = now;
                } else if (now - idleSince > IDLE_NANOS) {
                    // Nothing watched for 30 s; a later watch starts a new thread (it takes LOCK first).
                    thread = null;
                    return;
                }
            }
        }
    }
}
