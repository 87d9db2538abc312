package dev.minitls.cli.bench;

import java.util.Arrays;

/** Percentiles of recorded durations, by the nearest-rank method. */
final class Latencies {

    private final long[] sortedNanos;

    Latencies(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no durations recorded");
        }
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    /** The smallest duration that at least {@code percent} percent of the durations do not exceed, in ms. */
    double percentileMillis(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100], got " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sortedNanos.length);
        return sortedNanos[rank - 1] / 1e6;
    }
}
