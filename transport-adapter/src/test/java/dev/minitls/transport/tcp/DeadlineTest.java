package dev.minitls.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DeadlineTest {

    @Test
    void aDeadlineNotStoppedInTimeRunsItsActionOnceAndStopSaysSo() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);

        Deadline deadline = Deadline.start(Duration.ofMillis(1), () -> {
            runs.incrementAndGet();
            ran.countDown();
        });

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(deadline.expired()).isTrue();
        assertThat(deadline.stop()).as("stopped too late").isFalse();
        assertThat(deadline.stop()).as("stopped again").isFalse();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aDeadlineStoppedInTimeNeverRunsItsAction() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Deadline stopped = Deadline.start(Duration.ofSeconds(1), runs::incrementAndGet);

        assertThat(stopped.stop()).as("stopped in time").isTrue();

        // Once a later deadline ran, the stopped one's time has passed too.
        CountDownLatch later = new CountDownLatch(1);
        Deadline.start(Duration.ofMillis(1500), later::countDown);
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).hasValue(0);
        assertThat(stopped.expired()).isFalse();
        assertThat(stopped.stop()).as("stopped again").isTrue();
    }

    @Test
    void aSoonerDeadlineWakesTheThreadThatSleepsUntilALaterOne() throws InterruptedException {
        AtomicInteger lateRuns = new AtomicInteger();
        Deadline late = Deadline.start(Duration.ofMinutes(5), lateRuns::incrementAndGet);
        CountDownLatch soon = new CountDownLatch(1);

        Deadline.start(Duration.ofMillis(50), soon::countDown);

        assertThat(soon.await(10, TimeUnit.SECONDS)).as("the sooner deadline ran long before the later one").isTrue();
        assertThat(late.stop()).isTrue();
        assertThat(lateRuns).hasValue(0);
    }

    @Test
    void anActionThatThrowsStopsNoOtherDeadline() throws InterruptedException {
        Deadline throwing = Deadline.start(Duration.ofMillis(1), () -> {
            throw new IllegalStateException("refused");
        });
        Deadline failing = Deadline.start(Duration.ofMillis(2), () -> {
            throw new AssertionError("an Error, not an Exception");
        });
        CountDownLatch after = new CountDownLatch(1);
        Deadline.start(Duration.ofMillis(100), after::countDown);

        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(throwing.expired()).isTrue();
        assertThat(failing.expired()).isTrue();
    }
}
