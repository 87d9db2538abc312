package dev.minitls.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Decides when a warm-up is over: after its minimum time, once the JIT has gone quiet. On two cores the JIT's
 * optimizing compiler can need ten seconds or more to compile a handshake's code; measuring before it is done would
 * count its work as the code's and compare a half-compiled minitls with whatever was compiled before it.
 *
 * <p>Quiet means: the JIT compiled for less than a tenth of the last half second. The warm-up never lasts more
 * than {@link #MAX_TIME}. Thread-safe: several client threads may ask at once.
 */
final class Warmup {

    static final Duration MAX_TIME = Duration.ofSeconds(60);
    private static final long WINDOW_NANOS = Duration.ofMillis(500).toNanos();
    private static final long QUIET_MILLIS = Duration.ofNanos(WINDOW_NANOS).toMillis() / 10;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final long start = System.nanoTime();
    private final long minimumEnd;
    private final long maximumEnd;
    private long windowStart;
    private long compiledAtWindowStart;
    private boolean over;
    private long end = start;

    /** A warm-up of at least {@code minimum}; zero means none at all. */
    Warmup(Duration minimum) {
        this.minimumEnd = start + minimum.toNanos();
        this.maximumEnd = start + Math.max(minimum.toNanos(), MAX_TIME.toNanos());
        this.windowStart = start;
        this.compiledAtWindowStart = compiledMillis();
        this.over = minimum.isZero();
    }

    /** Whether to go on warming up. Once it said no, it says no for ever. */
    synchronized boolean running() {
        if (over) {
            return false;
        }
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            long compiled = compiledMillis();
            boolean quiet = compiled - compiledAtWindowStart < QUIET_MILLIS;
            windowStart = now;
            compiledAtWindowStart = compiled;
            over = now >= minimumEnd && quiet;
        }
        over |= now >= maximumEnd;
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
    private static long compiledMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }
}
