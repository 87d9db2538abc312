package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TracedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a {@link Tracer} tells: every event, with its record, for an observer; no record built when nobody observes. */
class TracerTest {

    private static final RecordTrace UNREADABLE = () -> {
        throw new AssertionError("a record was built though nobody observes");
    };

    @Test
    void withNobodyObservingNoRecordIsBuilt() {
        Tracer tracer = new Tracer(HandshakeObserver.NONE, Side.CLIENT, "peer");

        assertThat(tracer.active()).isFalse();
        tracer.tell(UNREADABLE, record -> new Event.FinishedSent(new byte[32], record));
    }

    @Test
    void anObserverGetsTheEventWithTheRecordItsMessageTravelledIn() {
        List<TraceEvent> events = new ArrayList<>();
        Tracer tracer = new Tracer(events::add, Side.SERVER, "peer");
        byte[] mac = {1, 2};
        TracedRecord record = new TracedRecord(0, Secret.of(new byte[12]), new byte[] {3}, new byte[] {4});

        assertThat(tracer.active()).isTrue();
        tracer.tell(() -> Optional.of(record), traced -> new Event.FinishedSent(mac, traced));

        assertThat(events).containsExactly(new TraceEvent(Side.SERVER, "peer",
                new Event.FinishedSent(mac, Optional.of(record))));
    }

    @Test
    void aFailureThatIsNoProtocolExceptionIsToldOnOneEscapedLine() {
        List<TraceEvent> events = new ArrayList<>();
        Tracer tracer = new Tracer(events::add, Side.CLIENT, "peer");

        tracer.handshakeFailed(new IllegalStateException("bad\u001b[2J\nforged\u202e"), MessageIo.Ending.SILENT);

        assertThat(events).singleElement().extracting(TraceEvent::event)
                .isInstanceOfSatisfying(Event.HandshakeFailed.class, failed -> assertThat(failed.reason())
                        .isEqualTo("bad\\u001b[2J\\u000aforged\\u202e"));
    }
}
