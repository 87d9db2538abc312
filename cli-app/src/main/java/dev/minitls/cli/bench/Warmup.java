package dev.minitls.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides when a warm-up is over: after its minimum time, once the JIT has gone quiet. On two cores the JIT's
 * optimizing compiler can need ten seconds or more to compile a handshake's code; measuring before it is done would
 * count its work as the code's and compare a half-compiled minitls with whatever was compiled before it.
 *
 * <p>Quiet means: the JIT compiled for less than 2 % of each of the last two seconds. Two, because the JVM counts a
 * compilation when it ends, and one of a large method can take a good part of a second on two cores: a single quiet
 * second may fall inside it. The warm-up never lasts more than {@link #MAX_TIME}. Thread-safe: several client
 * threads may ask at once.
 */
final class Warmup {

    static final Duration MAX_TIME = Duration.ofSeconds(60);
    static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();
    static final long QUIET_MILLIS = Duration.ofNanos(WINDOW_NANOS).toMillis() / 50;
    static final int QUIET_WINDOWS = 2;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final LongSupplier compiledMillis;
    private final LongSupplier clock;
    private final long start;
    private final long minimumEnd;
    private final long maximumEnd;
    private long windowStart;
    private long compiledAtWindowStart;
    private int quietWindows;
    private boolean over;
    private long end;

    /** A warm-up of at least {@code minimum}; zero means none at all. */
    Warmup(Duration minimum) {
        this(minimum, Warmup::jitMillis, System::nanoTime);
    }

    /**
     * A warm-up of at least {@code minimum} watching {@code compiledMillis}, the JIT's total compilation time so far,
     * on {@code clock} (nanoseconds).
     */
    Warmup(Duration minimum, LongSupplier compiledMillis, LongSupplier clock) {
        this.compiledMillis = compiledMillis;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.minimumEnd = start + minimum.toNanos();
        this.maximumEnd = start + Math.max(minimum.toNanos(), MAX_TIME.toNanos());
        this.windowStart = start;
        this.compiledAtWindowStart = compiledMillis.getAsLong();
        this.over = minimum.isZero();
        this.end = start;
    }

    /** Whether to go on warming up. Once it said no, it says no for ever. */
    synchronized boolean running() {
        if (over) {
            return false;
        }
        long now = clock.getAsLong();
        if (now - windowStart >= WINDOW_NANOS) {
            long compiled = compiledMillis.getAsLong();
            quietWindows = compiled - compiledAtWindowStart < QUIET_MILLIS ? quietWindows + 1 : 0;
            windowStart = now;
            compiledAtWindowStart = compiled;
            over = now - minimumEnd >= 0 && quietWindows >= QUIET_WINDOWS;
        }
        over |= now - maximumEnd >= 0;
        if (over) {
            end = now;
        }
        return !over;
    }

    /** How long the warm-up lasted, in seconds; call it once {@link #running()} said no. */
    synchronized double seconds() {
        return (end - start) / 1e9;
    }

    /** Total time the JIT has spent compiling, or 0 when the JVM does not say (then only the minimum counts). */
    private static long jitMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }
}
