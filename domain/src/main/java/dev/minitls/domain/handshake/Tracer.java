package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TracedRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Tells an observer what one side of one connection does, event by event. With {@link HandshakeObserver#NONE}
 * nothing is told, and callers skip building what only an observer would see.
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

    /** Whether anyone observes: callers skip building what only an observer would see. */
    boolean active() {
        return observer != HandshakeObserver.NONE;
    }

    /** {@code event} happened: its step is done (the transcript hash, updated along the way, is not counted). */
    void tell(Event event) {
        tell(event.step(), () -> event);
    }

    /**
     * The event of {@code step}, made only when someone observes: for events that carry copies of secrets
     * ({@link Event.SharedSecretAgreed}, {@link Event.SecretsDerived}), which nobody else should make, and for those
     * that take work to make (a certificate's PEM text).
     */
    void tell(Step step, Supplier<Event> event) {
        if (step != Step.TRANSCRIPT) {
            lastDone = step;
        }
        if (active()) {
            observer.onEvent(new TraceEvent(side, peer, event.get()));
        }
    }

    /**
     * {@code event}, which carries the record its message travelled in: the record is looked at only when someone
     * observes.
     */
    void tell(RecordTrace record, Function<Optional<TracedRecord>, Event> event) {
        tell(event.apply(active() ? record.traced() : Optional.empty()));
    }

    /**
     * The handshake failed: reported at the step it was attempting, with why and the alert sent (and its record)
     * or that the connection was closed without one.
     */
    void handshakeFailed(RuntimeException failure, MessageIo.Ending ending) {
        Step attempting = attempting();
        failed(failure, () -> new Event.HandshakeFailed(attempting, kind(failure), reason(failure), ending.alert(),
                ending.record().traced()));
    }

    /** The session failed after the handshake: reported with the application data (step 15). */
    void sessionFailed(RuntimeException failure, MessageIo.Ending ending) {
        failed(failure, () -> new Event.SessionFailed(kind(failure), reason(failure), ending.alert(),
                ending.record().traced()));
    }

    /**
     * An observer that throws here must not hide the failure being reported: what it throws is attached to the
     * failure as suppressed.
     */
    private void failed(RuntimeException failure, Supplier<Event> event) {
        if (active()) {
            try {
                tell(event.get());
            } catch (RuntimeException observerFailure) {
                failure.addSuppressed(observerFailure);
            }
        }
    }

    private static Failure kind(RuntimeException failure) {
        return failure instanceof ProtocolException e ? e.failure() : Failure.INTERNAL_ERROR;
    }

    /**
     * The failure's message, one line: a {@link ProtocolException}'s is already (its peer values quoted), any other
     * exception's may hold anything.
     */
    private static String reason(RuntimeException failure) {
        return PeerText.escape(Objects.toString(failure.getMessage(), failure.getClass().getSimpleName()));
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
