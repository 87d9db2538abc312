package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a {@link Tracer} builds: every value for an observer, nothing at all when nobody observes. */
class TracerTest {

    private static final RecordTrace UNREADABLE = () -> {
        throw new AssertionError("a record's values were built though nobody observes");
    };

    @Test
    void withNobodyObservingNoRecordsValuesAreBuilt() {
        Tracer tracer = new Tracer(HandshakeObserver.NONE, Side.CLIENT, "peer");

        assertThat(tracer.active()).isFalse();
        tracer.step(Step.APPLICATION_DATA, "sent 4 bytes of application data", UNREADABLE,
                TraceValue.text("before", "the record"));
    }

    @Test
    void anObserverGetsTheValuesThenTheRecords() {
        List<TraceEvent> events = new ArrayList<>();
        Tracer tracer = new Tracer(events::add, Side.SERVER, "peer");
        TraceValue first = TraceValue.text("first", "value");
        TraceValue recordValue = TraceValue.open("record ciphertext", new byte[] {1, 2});

        assertThat(tracer.active()).isTrue();
        tracer.step(Step.FINISHED, "sent server Finished", () -> List.of(recordValue), first);

        assertThat(events).containsExactly(new TraceEvent(Side.SERVER, "peer", Step.FINISHED, "sent server Finished",
                List.of(first, recordValue)));
    }
}
