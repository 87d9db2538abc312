package dev.minitls.cli.trace;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.error.PeerText;
import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * Prints each handshake step as one line, the way the demo shows them: step number, side, what happened, and its
 * first {@value #SHOWN_VALUES} values, each cut to its first four bytes (text to its first
 * {@value #SHOWN_CHARACTERS} characters). A secret is shown as {@code name=[secret]}, not a byte of it: secrets
 * appear only in a trace ({@code --trace}), below its warning.
 */
public final class StepPrinter implements NarrationPrinter {

    private static final int SHOWN_BYTES = 4;
    private static final int SHOWN_CHARACTERS = 24;
    private static final int SHOWN_VALUES = 4;

    private final PrintStream out;

    public StepPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void print(Narration event) {
        String values = event.values().stream().limit(SHOWN_VALUES).map(StepPrinter::brief)
                .collect(Collectors.joining(", "));
        if (event.values().size() > SHOWN_VALUES) {
            values += ", +" + (event.values().size() - SHOWN_VALUES) + " more";
        }
        String line = String.format("%2d %-6s %s%s", event.step().number(), event.side().label(),
                PeerText.escape(event.description()), values.isEmpty() ? "" : " (" + values + ")");
        synchronized (out) {
            out.println(line);
        }
    }

    private static String brief(TraceValue value) {
        if (value.secret()) {
            return value.name() + "=[secret]";
        }
        if (value.kind() == TraceValue.Kind.BYTES) {
            return value.name() + "=" + Bytes.shortHex(value.value(), SHOWN_BYTES);
        }
        String text = value.asString().lines().findFirst().orElse("");
        boolean cut = text.length() > SHOWN_CHARACTERS || !text.equals(value.asString());
        return value.name() + "=" + PeerText.escape(cut ? text.substring(0, Math.min(text.length(), SHOWN_CHARACTERS))
                + "…" : text);
    }
}
