package dev.minitls.cli.app;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * Prints each handshake step as one line, the way the demo shows them: step number, side, what happened, and each
 * value cut to its first four bytes. Secrets appear only as such a prefix.
 */
public final class StepPrinter implements HandshakeObserver {

    private static final int SHOWN_BYTES = 4;

    private final PrintStream out;

    public StepPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEvent(TraceEvent event) {
        String values = event.values().stream().map(StepPrinter::brief).collect(Collectors.joining(", "));
        String line = String.format("%2d %-6s %s%s", event.step().number(), event.side().label(),
                event.description(), values.isEmpty() ? "" : " (" + values + ")");
        synchronized (out) {
            out.println(line);
        }
    }

    private static String brief(TraceValue value) {
        return value.name() + "=" + Bytes.shortHex(value.value(), SHOWN_BYTES);
    }
}
