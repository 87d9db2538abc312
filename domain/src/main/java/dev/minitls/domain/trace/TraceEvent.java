package dev.minitls.domain.trace;

import java.util.List;

/** Something that happened during a handshake or session, as it happened. */
public record TraceEvent(Side side, Step step, String description, List<TraceValue> values) {

    public TraceEvent {
        values = List.copyOf(values);
    }
}
