package dev.minitls.cli.bench;

/**
 * How many operations ran in how much time.
 *
 * @param operations operations completed
 * @param nanos wall-clock time they took
 */
public record Rate(long operations, long nanos) {

    public Rate {
        if (operations < 0 || nanos <= 0) {
            throw new IllegalArgumentException("a rate needs operations >= 0 and time > 0, got " + operations
                    + " in " + nanos + " ns");
        }
    }

    /** Operations per second. */
    public double perSecond() {
        return operations * 1e9 / nanos;
    }

    /** Mebibytes per second when each operation handles {@code bytes} bytes. */
    public double mebibytesPerSecond(int bytes) {
        return perSecond() * bytes / (1024.0 * 1024.0);
    }

    /** Microseconds per operation. */
    public double micros() {
        return nanos / 1e3 / operations;
    }
}
