package dev.minitls.cli.support;

import dev.minitls.cli.app.ServerApp;
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
    private final CountDownLatch closed;

    /** Expects {@code connections} connections to end. */
    public RecordedServerEvents(int connections) {
        this.closed = new CountDownLatch(connections);
    }

    @Override
    public void received(String peer, String message) {
        received.computeIfAbsent(peer, p -> new CopyOnWriteArrayList<>()).add(message);
    }

    @Override
    public void failed(String peer, String reason) {
        failed.computeIfAbsent(peer, p -> new CopyOnWriteArrayList<>()).add(reason);
    }

    @Override
    public void closed(String peer) {
        closed.countDown();
    }

    /** Waits until the expected number of connections ended; fails after {@link Subprocess#PATIENCE}. */
    public void awaitClosed() throws InterruptedException {
        if (!closed.await(Subprocess.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(closed.getCount() + " connections still open after " + Subprocess.PATIENCE
                    + "; received " + received + ", failed " + failed);
        }
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
