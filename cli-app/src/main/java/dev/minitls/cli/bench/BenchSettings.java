package dev.minitls.cli.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * How a benchmark runs.
 *
 * @param mode what is measured
 * @param connections handshakes: how many; sessions: how many are held open at once
 * @param concurrency client threads at once (handshakes, sessions; see {@link #concurrencyUsed()})
 * @param size bytes of plaintext per record
 * @param seconds how long bulk and echo are measured; for handshakes and sessions an optional limit
 * @param warmup how long the same workload runs, uncounted, first
 */
public record BenchSettings(Mode mode, int connections, int concurrency, int size, Optional<Duration> seconds,
        Duration warmup) {

    public BenchSettings {
        if (connections < 1 || concurrency < 1) {
            throw new IllegalArgumentException("connections and concurrency must be at least 1");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        if (seconds.filter(s -> s.isZero() || s.isNegative()).isPresent() || warmup.isNegative()) {
            throw new IllegalArgumentException("seconds must be positive and warm-up not negative");
        }
        if (mode.timedSession() && seconds.isEmpty()) {
            throw new IllegalArgumentException(mode + " needs a measuring time");
        }
    }

    /** Sessions in flight at once: {@code concurrency}, or one for bulk and echo, which measure a single session. */
    public int concurrencyUsed() {
        return mode.timedSession() ? 1 : concurrency;
    }
}
