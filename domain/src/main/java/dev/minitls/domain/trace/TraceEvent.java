package dev.minitls.domain.trace;

import java.util.Objects;

/**
 * Something that happened during a handshake or session, as it happened, and where.
 *
 * @param side the end it happened on
 * @param peer the other end's address as this side knows it (e.g. {@code 127.0.0.1:51234}), which tells the
 *     connections of one server apart; empty for what happens before there is a connection (steps 1 to 4)
 * @param event what happened
 */
public record TraceEvent(Side side, String peer, Event event) {

    public TraceEvent {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(event, "event");
    }

    /** The seed's step it belongs to. */
    public Step step() {
        return event.step();
    }
}
