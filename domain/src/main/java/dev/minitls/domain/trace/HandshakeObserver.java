package dev.minitls.domain.trace;

/** Receives every step of a handshake and session as it happens: the demo, traces and tests listen here. */
@FunctionalInterface
public interface HandshakeObserver {

    /** An observer that ignores everything. */
    HandshakeObserver NONE = event -> { };

    void onEvent(TraceEvent event);

    /**
     * Whether this observer wants every TLS 1.3 record's bytes ({@link Event.Tls13RecordSent},
     * {@link Event.Tls13RecordReceived}): a record layer captures none unless it does, so that nothing is copied
     * when no trace shows them.
     */
    default boolean wantsRecords() {
        return false;
    }

    /** An observer that tells this one, then {@code next}. */
    default HandshakeObserver andThen(HandshakeObserver next) {
        return new Both(this, next);
    }

    /**
     * Two observers told in turn (a record, as this package holds values only): {@link #andThen}'s result, which
     * wants records when either does.
     */
    record Both(HandshakeObserver first, HandshakeObserver next) implements HandshakeObserver {
        @Override
        public void onEvent(TraceEvent event) {
            first.onEvent(event);
            next.onEvent(event);
        }

        @Override
        public boolean wantsRecords() {
            return first.wantsRecords() || next.wantsRecords();
        }
    }
}
