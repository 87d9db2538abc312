package dev.minitls.domain.trace;

/** Receives every step of a handshake and session as it happens: the demo, traces and tests listen here. */
@FunctionalInterface
public interface HandshakeObserver {

    /** An observer that ignores everything. */
    HandshakeObserver NONE = event -> { };

    void onEvent(TraceEvent event);

    /** An observer that tells this one, then {@code next}. */
    default HandshakeObserver andThen(HandshakeObserver next) {
        return event -> {
            onEvent(event);
            next.onEvent(event);
        };
    }
}
