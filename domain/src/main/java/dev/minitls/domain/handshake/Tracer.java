package dev.minitls.domain.handshake;

import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells an observer what one side of one connection does, step by step. With {@link HandshakeObserver#NONE} nothing
 * is built: no event, and no record's values.
 */
final class Tracer {

    private final HandshakeObserver observer;
    private final Side side;
    private final String peer;

    Tracer(HandshakeObserver observer, Side side, String peer) {
        this.observer = observer;
        this.side = side;
        this.peer = peer;
    }

    /** Whether anyone observes: callers skip building what only a trace would show. */
    boolean active() {
        return observer != HandshakeObserver.NONE;
    }

    void step(Step step, String description, TraceValue... values) {
        if (active()) {
            observer.onEvent(new TraceEvent(side, peer, step, description, List.of(values)));
        }
    }

    /** An event with {@code values}, then the record the content travelled in. */
    void step(Step step, String description, RecordTrace record, TraceValue... values) {
        if (active()) {
            step(step, description, record.values(), values);
        }
    }

    /** An event with {@code values}, then {@code more}: derived secrets. */
    void step(Step step, String description, List<TraceValue> more, TraceValue... values) {
        if (active()) {
            List<TraceValue> all = new ArrayList<>(List.of(values));
            all.addAll(more);
            observer.onEvent(new TraceEvent(side, peer, step, description, all));
        }
    }
}
