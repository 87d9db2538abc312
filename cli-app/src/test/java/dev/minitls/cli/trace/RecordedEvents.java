package dev.minitls.cli.trace;

import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.TraceEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every trace event, from any thread, told as the trace tells it. */
final class RecordedEvents implements HandshakeObserver {

    private final List<Narration> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(TraceEvent event) {
        events.add(Narration.of(event));
    }

    List<Narration> events() {
        return List.copyOf(events);
    }

    /** Every value called {@code name}, in the order the events carried them. */
    List<byte[]> values(String name) {
        return events.stream().flatMap(event -> event.values().stream()).filter(value -> value.name().equals(name))
                .map(TraceValue::value).toList();
    }
}
