package dev.minitls.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmupTest {

    /** A clock and a JIT that the test moves by hand. */
    private long now = 1_000;
    private long compiled;

    private Warmup warmup(Duration minimum) {
        return new Warmup(minimum, () -> compiled, () -> now);
    }

    /** Moves the clock a second on, the JIT having compiled {@code millis} in it, and asks the warm-up. */
    private boolean second(Warmup warmup, long millis) {
        now += Warmup.WINDOW_NANOS;
        compiled += millis;
        return warmup.running();
    }

    @Test
    void aWarmUpOfZeroIsNone() {
        Warmup warmup = warmup(Duration.ZERO);

        assertThat(warmup.running()).isFalse();
        assertThat(warmup.seconds()).isZero();
    }

    @Test
    void itEndsAfterTheMinimumOnceTwoSecondsInARowWereQuiet() {
        Warmup warmup = warmup(Duration.ofSeconds(2));

        assertThat(second(warmup, 0)).as("quiet, within the minimum").isTrue();
        assertThat(second(warmup, 300)).as("a large method compiled").isTrue();
        assertThat(second(warmup, Warmup.QUIET_MILLIS - 1)).as("one quiet second").isTrue();
        assertThat(second(warmup, Warmup.QUIET_MILLIS - 1)).as("two quiet seconds in a row").isFalse();
        assertThat(warmup.seconds()).isEqualTo(4.0);
        assertThat(warmup.running()).as("once over, for ever").isFalse();
    }

    @Test
    void aCompilationBetweenQuietSecondsStartsTheCountAgain() {
        Warmup warmup = warmup(Duration.ofSeconds(1));

        assertThat(second(warmup, 0)).isTrue();
        assertThat(second(warmup, Warmup.QUIET_MILLIS)).as("2 % of a second is not quiet").isTrue();
        assertThat(second(warmup, 0)).isTrue();
        assertThat(second(warmup, 0)).isFalse();
    }

    @Test
    void itIsNeverLongerThanTheMaximumHoweverBusyTheJit() {
        Warmup warmup = warmup(Duration.ofSeconds(1));
        long seconds = Warmup.MAX_TIME.toSeconds();

        for (long s = 1; s < seconds; s++) {
            assertThat(second(warmup, 500)).as("second " + s).isTrue();
        }
        assertThat(second(warmup, 500)).isFalse();
        assertThat(warmup.seconds()).isEqualTo((double) seconds);
    }
}
