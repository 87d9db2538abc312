package dev.minitls.cli.support;

import dev.minitls.cli.trace.Narration;
import dev.minitls.cli.trace.TraceValue;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every trace event of a handshake, told as the trace tells it, so that a test can compare the values the
 * implementation computed.
 */
public final class TraceRecorder implements HandshakeObserver {

    private final List<Narration> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(TraceEvent event) {
        events.add(Narration.of(event));
    }

    /** Every value called {@code name}, in the order the events carried them. */
    public synchronized List<byte[]> values(String name) {
        return values().stream().filter(value -> value.name().equals(name)).map(TraceValue::value).toList();
    }

    /** The description of every event about {@code peer}, in order. */
    public synchronized List<String> descriptionsFor(String peer) {
        return events.stream().filter(event -> event.peer().equals(peer)).map(Narration::description).toList();
    }

    /** Every value of every event, in order. */
    public synchronized List<TraceValue> values() {
        return events.stream().flatMap(event -> event.values().stream()).toList();
    }
}
