package dev.minitls.domain.trace;

import java.util.List;
import java.util.Objects;

/**
 * Something that happened during a handshake or session, as it happened.
 *
 * @param side the end it happened on
 * @param peer the other end's address as this side knows it (e.g. {@code 127.0.0.1:51234}), which tells the
 *     connections of one server apart; empty for what happens before there is a connection (steps 1 to 4)
 * @param step the seed's step it belongs to
 * @param description what happened, in a few words
 * @param values the values involved, in the order they are best read
 */
public record TraceEvent(Side side, String peer, Step step, String description, List<TraceValue> values) {

    /** How a failed handshake's description begins; its step is the one the side was attempting. */
    public static final String HANDSHAKE_FAILED = "handshake failed: ";

    /** How a failed session's description begins (step 15). */
    public static final String SESSION_FAILED = "session failed: ";

    public TraceEvent {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(description, "description");
        values = List.copyOf(values);
    }
}
