package dev.minitls.cli.soak;

import dev.minitls.cli.runtime.ServerApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tallies what the soak's server reports, in memory bounded whatever the number of connections: messages received,
 * connections ended, and each failure line by the report it starts with. A line that starts with none of them, or
 * spans more than one line, is kept (the first few) as unexpected.
 */
final class SoakEvents implements ServerApp.ServerEvents {

    private static final int UNEXPECTED_KEPT = 10;

    private final Collection<String> reports;
    private final Map<String, AtomicLong> reported = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unexpectedCount = new AtomicLong();
    private final List<String> unexpected = new ArrayList<>();
    private long closed;

    /** @param reports the starts of the lines the server may report */
    SoakEvents(Collection<String> reports) {
        this.reports = List.copyOf(reports);
    }

    @Override
    public void received(String peer, String message) {
        received.incrementAndGet();
    }

    @Override
    public void failed(String peer, String reason) {
        String report = reports.stream().filter(reason::startsWith).findFirst().orElse(null);
        if (report == null || reason.contains("\n")) {
            unexpectedCount.incrementAndGet();
            synchronized (unexpected) {
                if (unexpected.size() < UNEXPECTED_KEPT) {
                    unexpected.add("[" + peer + "] " + reason);
                }
            }
            return;
        }
        reported.computeIfAbsent(report, r -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public synchronized void closed(String peer) {
        closed++;
        notifyAll();
    }

    /** Waits until {@code connections} connections ended in all, at most {@code patience}; returns how many did. */
    synchronized long awaitClosed(long connections, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (closed < connections) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return closed;
    }

    long received() {
        return received.get();
    }

    /** How many failures were reported with a line starting with {@code report}. */
    long reported(String report) {
        AtomicLong count = reported.get(report);
        return count == null ? 0 : count.get();
    }

    long unexpectedCount() {
        return unexpectedCount.get();
    }

    List<String> unexpected() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }
}
