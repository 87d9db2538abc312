package dev.minitls.cli.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs one operation over and over on the calling thread: first for a warm-up (see {@link Warmup}), whose count is
 * thrown away, so that the JIT has compiled the code being measured; then for the measured time.
 */
final class Stopwatch {

    /** Checks the clock about this often, so that timing costs nothing next to the operations. */
    private static final long CHECK_NANOS = 200_000;

    /** One operation; its result is kept so that the JIT cannot discard the work. */
    @FunctionalInterface
    interface Operation {
        int run();
    }

    private final Duration warmup;
    private final Duration measure;
    private int sink;

    Stopwatch(Duration warmup, Duration measure) {
        if (measure.isZero() || measure.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("measuring time must be positive and warm-up not negative");
        }
        this.warmup = warmup;
        this.measure = measure;
    }

    Rate rate(Operation operation) {
        repeat(operation, new Warmup(warmup)::running);
        long deadline = System.nanoTime() + measure.toNanos();
        return repeat(operation, () -> System.nanoTime() < deadline);
    }

    /** Every result folded together: read it once so that no operation is dead code. */
    int sink() {
        return sink;
    }

    /**
     * Repeats in batches that grow until one batch takes {@link #CHECK_NANOS}, as long as {@code going} says so
     * between batches; at least one batch runs.
     */
    private Rate repeat(Operation operation, BooleanSupplier going) {
        long start = System.nanoTime();
        long operations = 0;
        int batch = 1;
        do {
            long batchStart = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += operation.run();
            }
            operations += batch;
            if (System.nanoTime() - batchStart < CHECK_NANOS && batch < (1 << 20)) {
                batch *= 2;
            }
        } while (going.getAsBoolean());
        return new Rate(operations, System.nanoTime() - start);
    }
}
