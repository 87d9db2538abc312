package dev.minitls.cli.trace;

import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;

/**
 * The events the trace's printers do not put in words yet: TLS 1.3's own handshake messages
 * ({@link Event.Tls13MessageSent}, {@link Event.Tls13MessageReceived}; {@link Narration} has no words for them
 * until the tls13 narration lands). A printer sees every other event of a tls13 handshake, and the trace of a tls13
 * connection shows its steps instead of failing it.
 */
public final class Untold {

    private Untold() {
    }

    /** {@code printer}, told every event but those it has no words for yet. */
    public static HandshakeObserver skipping(HandshakeObserver printer) {
        return event -> {
            if (!(event.event() instanceof Event.Tls13MessageSent
                    || event.event() instanceof Event.Tls13MessageReceived)) {
                printer.onEvent(event);
            }
        };
    }
}
