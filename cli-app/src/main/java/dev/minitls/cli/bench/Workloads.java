package dev.minitls.cli.bench;

import dev.minitls.cli.bench.BenchResult.Detail;
import dev.minitls.cli.bench.Target.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

/** The measurements, each the same for minitls and the JDK's TLS: only the {@link Target} differs. */
final class Workloads {

    private Workloads() {
    }

    /**
     * New connections, {@code concurrency} at a time, each a full handshake then one small record and its echo;
     * then the connection is closed. The latency of one is the time from connecting to the echo.
     */
    static BenchResult handshakes(Target target, BenchSettings settings) {
        byte[] record = new byte[settings.size()];
        Warmup warmup = new Warmup(settings.warmup());
        inParallel(settings.concurrency(), Integer.MAX_VALUE, warmup::running, () -> oneHandshake(target, record));
        long cpu = CpuClock.processNanos();
        long start = System.nanoTime();
        long[] latencies = inParallel(settings.concurrency(), settings.connections(), until(settings.seconds()),
                () -> oneHandshake(target, record));
        long elapsed = System.nanoTime() - start;
        cpu = CpuClock.processNanos() - cpu;
        int done = latencies.length;
        Latencies measured = new Latencies(latencies);
        return result(target, settings, new Rate(done, elapsed).perSecond(), List.of(
                new Detail("p50", "ms", measured.percentileMillis(50)),
                new Detail("p99", "ms", measured.percentileMillis(99)),
                new Detail("handshakes", "", done),
                new Detail("seconds", "", elapsed / 1e9),
                cpuPerOperation(cpu, done),
                new Detail("warmup", "s", warmup.seconds())));
    }

    /** One session streaming records of {@code size} bytes to a sinking server; the clock stops once it read all. */
    static BenchResult bulk(Target target, BenchSettings settings) {
        byte[] record = new byte[settings.size()];
        Warmup warmup = new Warmup(settings.warmup());
        if (warmup.running()) {
            try (Session session = target.connect()) {
                stream(session, record, warmup::running);
            }
        }
        try (Session session = target.connect()) {
            long cpu = CpuClock.processNanos();
            long start = System.nanoTime();
            long records = stream(session, record, until(settings.seconds()));
            long elapsed = System.nanoTime() - start;
            cpu = CpuClock.processNanos() - cpu;
            return result(target, settings, new Rate(records, elapsed).mebibytesPerSecond(record.length), List.of(
                    new Detail("records", "", records),
                    new Detail("seconds", "", elapsed / 1e9),
                    cpuPerOperation(cpu, records),
                    new Detail("warmup", "s", warmup.seconds())));
        }
    }

    /** One session; each record of {@code size} bytes is echoed before the next is sent. */
    static BenchResult echo(Target target, BenchSettings settings) {
        byte[] record = new byte[settings.size()];
        try (Session session = target.connect()) {
            Warmup warmup = new Warmup(settings.warmup());
            roundTrips(session, record, warmup::running);
            long cpu = CpuClock.processNanos();
            long start = System.nanoTime();
            long trips = roundTrips(session, record, until(settings.seconds()));
            long elapsed = System.nanoTime() - start;
            cpu = CpuClock.processNanos() - cpu;
            return result(target, settings, new Rate(trips, elapsed).perSecond(), List.of(
                    new Detail("round_trips", "", trips),
                    new Detail("seconds", "", elapsed / 1e9),
                    cpuPerOperation(cpu, trips),
                    new Detail("warmup", "s", warmup.seconds())));
        }
    }

    /**
     * {@code connections} sessions established ({@code concurrency} handshakes at a time) and held open at once, both
     * ends in this process; the memory they take is measured while they are idle; then each one echoes a record, to
     * show it was alive. There is no warm-up: memory does not need one. (In tls13 {@link ServerSessions} measures the
     * server's side alone.)
     */
    static BenchResult sessions(Target target, BenchSettings settings) {
        byte[] record = new byte[settings.size()];
        MemoryProbe.Sample before = MemoryProbe.sample();
        Queue<Session> open = new ConcurrentLinkedQueue<>();
        try {
            long start = System.nanoTime();
            int established = inParallel(settings.concurrency(), settings.connections(), until(settings.seconds()),
                    () -> open.add(target.connect()) ? 1 : 0).length;
            long elapsed = System.nanoTime() - start;
            MemoryProbe.Sample after = MemoryProbe.sample();
            for (Session session : open) {
                session.send(record);
                session.receiveEcho(record.length);
            }
            return idleSessions(target, settings, established, before, after, elapsed, BenchResult.BOTH_ENDS);
        } finally {
            open.forEach(Session::close);
        }
    }

    /**
     * The result of {@code established} sessions held idle, opened in {@code elapsedNanos}: what this process grew by
     * per session from {@code before} to {@code after}, its heap (the figure) and resident memory, and its threads;
     * {@code measured} says whose memory that is.
     */
    static BenchResult idleSessions(Target target, BenchSettings settings, int established, MemoryProbe.Sample before,
            MemoryProbe.Sample after, long elapsedNanos, String measured) {
        List<Detail> details = new ArrayList<>(List.of(new Detail("sessions", "", established)));
        if (before.rssBytes().isPresent() && after.rssBytes().isPresent()) {
            details.add(new Detail("rss_per_session", "bytes",
                    (after.rssBytes().getAsLong() - before.rssBytes().getAsLong()) / (double) established));
        }
        details.add(new Detail("threads", "", after.threads() - before.threads()));
        details.add(new Detail("seconds", "", elapsedNanos / 1e9));
        return result(target, settings, (after.heapBytes() - before.heapBytes()) / (double) established, details)
                .measured(measured);
    }

    /** Process CPU time per operation (handshake, record, round trip), both ends together, in microseconds. */
    private static Detail cpuPerOperation(long cpuNanos, long operations) {
        return new Detail("cpu", "us_per_op", cpuNanos / 1e3 / operations);
    }

    private static long oneHandshake(Target target, byte[] record) {
        long start = System.nanoTime();
        try (Session session = target.connect()) {
            session.send(record);
            session.receiveEcho(record.length);
            return System.nanoTime() - start;
        }
    }

    private static long stream(Session session, byte[] record, BooleanSupplier going) {
        long records = 0;
        while (going.getAsBoolean()) {
            session.send(record);
            records++;
        }
        session.drain();
        return records;
    }

    private static long roundTrips(Session session, byte[] record, BooleanSupplier going) {
        long trips = 0;
        while (going.getAsBoolean()) {
            session.send(record);
            session.receiveEcho(record.length);
            trips++;
        }
        return trips;
    }

    /**
     * Runs {@code task} on {@code threads} threads until it ran {@code count} times or {@code going} says stop;
     * returns what each run returned. The first failure stops every thread and is thrown.
     */
    static long[] inParallel(int threads, int count, BooleanSupplier going, LongSupplier task) {
        AtomicInteger started = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        List<LongList> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            LongList mine = new LongList();
            results.add(mine);
            Thread worker = new Thread(() -> {
                try {
                    while (failure.get() == null && going.getAsBoolean() && started.getAndIncrement() < count) {
                        mine.add(task.getAsLong());
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "minitls-bench-client-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while clients were running", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return results.stream().flatMapToLong(LongList::stream).toArray();
    }

    /** A growing list of longs that one thread fills; read once that thread ended. */
    private static final class LongList {

        private long[] values = new long[256];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = value;
        }

        LongStream stream() {
            return Arrays.stream(values, 0, size);
        }
    }

    /** Going until {@code time} has passed, or for ever when there is no time. */
    static BooleanSupplier until(Optional<Duration> time) {
        if (time.isEmpty()) {
            return () -> true;
        }
        long deadline = System.nanoTime() + time.get().toNanos();
        return () -> System.nanoTime() < deadline;
    }

    private static BenchResult result(Target target, BenchSettings settings, double figure, List<Detail> details) {
        return new BenchResult(target.impl(), settings.mode(), target.protocol(), target.provider(), target.setup(),
                settings.concurrencyUsed(), settings.size(), figure, details, Optional.empty());
    }
}
