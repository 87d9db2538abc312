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
    private Step lastDone;

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
        step(step, description, List.of(), values);
    }

    /** An event with {@code values}, then the record the content travelled in. */
    void step(Step step, String description, RecordTrace record, TraceValue... values) {
        step(step, description, active() ? record.values() : List.of(), values);
    }

    /** An event with {@code values}, then {@code more}: derived secrets. */
    void step(Step step, String description, List<TraceValue> more, TraceValue... values) {
        if (step != Step.TRANSCRIPT) {
            lastDone = step;
        }
        if (active()) {
            List<TraceValue> all = new ArrayList<>(List.of(values));
            all.addAll(more);
            observer.onEvent(new TraceEvent(side, peer, step, description, all));
        }
    }

    /**
     * The handshake failed: reported at the step it was attempting, with why and the alert sent (and its record)
     * or that the connection was closed without one.
     */
    void handshakeFailed(RuntimeException failure, MessageIo.Ending ending) {
        failed(attempting(), TraceEvent.HANDSHAKE_FAILED, failure, ending);
    }

    /** The session failed after the handshake: reported with the application data (step 15). */
    void sessionFailed(RuntimeException failure, MessageIo.Ending ending) {
        failed(Step.APPLICATION_DATA, TraceEvent.SESSION_FAILED, failure, ending);
    }

    private void failed(Step step, String prefix, RuntimeException failure, MessageIo.Ending ending) {
        if (active()) {
            String end = ending.alert().map(alert -> "sent the alert " + alert.rfcName())
                    .orElse("closed the connection without an alert");
            step(step, prefix + failure.getMessage() + "; " + end, ending.record());
        }
    }

    /**
     * The step after the last one done: the transcript hash is updated along the way and is not counted, and step
     * 14 holds both Finished messages, so a side that failed on the peer's Finished was still at step 14. Before
     * any step is done, the first: the ClientHello.
     */
    private Step attempting() {
        if (lastDone == null) {
            return Step.CLIENT_HELLO;
        }
        if (lastDone == Step.FINISHED || lastDone == Step.APPLICATION_DATA) {
            return lastDone;
        }
        Step next = Step.values()[lastDone.ordinal() + 1];
        return next == Step.TRANSCRIPT ? Step.SERVER_HELLO : next;
    }
}
