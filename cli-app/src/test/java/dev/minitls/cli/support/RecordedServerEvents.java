package dev.minitls.cli.support;

import dev.minitls.cli.runtime.ServerApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps what a {@link ServerApp} reports, by peer, and lets a test wait until a number of connections ended. */
public final class RecordedServerEvents implements ServerApp.ServerEvents {

    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final Map<String, List<String>> failed = new ConcurrentHashMap<>();
    /** How many connections of each peer ended: a peer's address and port may come again (guarded by this). */
    private final Map<String, Integer> endings = new HashMap<>();
    private final CountDownLatch closed;
    private int endedInAll;

    /** Expects {@code connections} connections to end. */
    public RecordedServerEvents(int connections) {
        this.closed = new CountDownLatch(connections);
    }

    /** For tests that wait for one peer at a time ({@link #awaitClosed(String)}). */
    public RecordedServerEvents() {
        this(0);
    }

    @Override
    public synchronized void received(String peer, String message) {
        received.computeIfAbsent(peer, p -> new CopyOnWriteArrayList<>()).add(message);
        notifyAll();
    }

    /** Waits until some peer sends {@code message}; returns that peer. Fails after {@link Subprocess#PATIENCE}. */
    public synchronized String awaitSenderOf(String message) throws InterruptedException {
        long deadline = System.nanoTime() + Subprocess.PATIENCE.toNanos();
        while (true) {
            for (Map.Entry<String, List<String>> peer : received.entrySet()) {
                if (peer.getValue().contains(message)) {
                    return peer.getKey();
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no peer sent \"" + message + "\" within " + Subprocess.PATIENCE);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void failed(String peer, String reason) {
        failed.computeIfAbsent(peer, p -> new CopyOnWriteArrayList<>()).add(reason);
    }

    @Override
    public void closed(String peer) {
        closed.countDown();
        synchronized (this) {
            endings.merge(peer, 1, Integer::sum);
            endedInAll++;
            notifyAll();
        }
    }

    /** Waits until {@code count} connections ended in all; fails after {@link Subprocess#PATIENCE}. */
    public synchronized void awaitEnded(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Subprocess.PATIENCE.toNanos();
        while (endedInAll < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(endedInAll + " of " + count + " connections ended after "
                        + Subprocess.PATIENCE + "; failed " + failed);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits until the expected number of connections ended; fails after {@link Subprocess#PATIENCE}. */
    public void awaitClosed() throws InterruptedException {
        if (!closed.await(Subprocess.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(closed.getCount() + " connections still open after " + Subprocess.PATIENCE
                    + "; received " + received + ", failed " + failed);
        }
    }

    /** Waits until the connection of {@code peer} ended; fails after {@link Subprocess#PATIENCE}. */
    public void awaitClosed(String peer) throws InterruptedException {
        awaitClosed(peer, 1);
    }

    /**
     * Waits until {@code count} connections of {@code peer} ended in all (a client's local port may be one an earlier
     * connection used); fails after {@link Subprocess#PATIENCE}.
     */
    public synchronized void awaitClosed(String peer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Subprocess.PATIENCE.toNanos();
        while (endingsOf(peer) < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(peer + " still connected after " + Subprocess.PATIENCE + "; received "
                        + received.get(peer) + ", failed " + failed.get(peer));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** How many connections of {@code peer} ended so far. */
    private synchronized int endingsOf(String peer) {
        return endings.getOrDefault(peer, 0);
    }

    /** How many connections of each peer ended so far. */
    public synchronized Map<String, Integer> endings() {
        return Map.copyOf(endings);
    }

    /** The failures reported for {@code peer}, in order. */
    public List<String> failuresOf(String peer) {
        return List.copyOf(failed.getOrDefault(peer, List.of()));
    }

    /** The messages {@code peer} sent, in order. */
    public List<String> messagesOf(String peer) {
        return List.copyOf(received.getOrDefault(peer, List.of()));
    }

    /** The messages each peer sent, in order. */
    public Map<String, List<String>> received() {
        return Map.copyOf(received);
    }

    /** The failures reported for each peer. */
    public Map<String, List<String>> failed() {
        return Map.copyOf(failed);
    }
}
