package dev.minitls.domain.handshake;

import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tells an observer what one side of one connection does, step by step. With {@link HandshakeObserver#NONE} nothing
 * is built: no event, and no record's values.
 */
final class Tracer {

    /** The steps a client does, in order (it checks what the server sends: 11 and 13). */
    private static final List<Step> CLIENT_STEPS = List.of(Step.CLIENT_HELLO, Step.SERVER_HELLO, Step.SHARED_SECRET,
            Step.HANDSHAKE_KEY, Step.CERTIFICATE, Step.VERIFY_CERTIFICATE, Step.VERIFY_CERTIFICATE_VERIFY,
            Step.FINISHED, Step.APPLICATION_DATA);
    /** The steps a server does, in order (it sends what the client checks: 10 and 12). */
    private static final List<Step> SERVER_STEPS = List.of(Step.CLIENT_HELLO, Step.SERVER_HELLO, Step.SHARED_SECRET,
            Step.HANDSHAKE_KEY, Step.CERTIFICATE, Step.CERTIFICATE_VERIFY, Step.FINISHED, Step.APPLICATION_DATA);

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

    /**
     * An observer that throws here must not hide the failure being reported: what it throws is attached to the
     * failure as suppressed.
     */
    private void failed(Step step, String prefix, RuntimeException failure, MessageIo.Ending ending) {
        if (active()) {
            String why = Objects.toString(failure.getMessage(), failure.getClass().getSimpleName());
            String end = ending.alert().map(alert -> "sent the alert " + alert.rfcName())
                    .orElse("closed the connection without an alert");
            try {
                step(step, prefix + why + "; " + end, ending.record());
            } catch (RuntimeException observerFailure) {
                failure.addSuppressed(observerFailure);
            }
        }
    }

    /**
     * The step this side was attempting: the one after the last it did, in its own order of steps (the transcript
     * hash is updated along the way and not counted). Step 14 holds both Finished messages, so a side that failed
     * on the peer's Finished was still at step 14. Before any step is done, the first: the ClientHello.
     */
    private Step attempting() {
        List<Step> order = side == Side.CLIENT ? CLIENT_STEPS : SERVER_STEPS;
        if (lastDone == null) {
            return order.get(0);
        }
        int done = order.indexOf(lastDone);
        return lastDone == Step.FINISHED ? Step.FINISHED : order.get(Math.min(done + 1, order.size() - 1));
    }
}
