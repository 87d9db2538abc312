package dev.minitls.domain.handshake;

import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
import java.util.ArrayList;
import java.util.List;

/** Tells an observer what one side of one connection does, step by step. */
final class Tracer {

    private final HandshakeObserver observer;
    private final Side side;
    private final String peer;

    Tracer(HandshakeObserver observer, Side side, String peer) {
        this.observer = observer;
        this.side = side;
        this.peer = peer;
    }

    void step(Step step, String description, TraceValue... values) {
        observer.onEvent(new TraceEvent(side, peer, step, description, List.of(values)));
    }

    /** An event with {@code values}, then {@code more}: the record a message travelled in, or derived secrets. */
    void step(Step step, String description, List<TraceValue> more, TraceValue... values) {
        List<TraceValue> all = new ArrayList<>(List.of(values));
        all.addAll(more);
        observer.onEvent(new TraceEvent(side, peer, step, description, all));
    }
}
