package dev.minitls.cli.trace;

import dev.minitls.cli.decode.DissectionJson;
import dev.minitls.transport.json.JsonStrings;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code --trace=json}: one JSON object per event, one per line, in the order the events happen:
 *
 * <pre>
 * {"side": "client", "peer": "127.0.0.1:9914", "step": 5, "step_name": "ClientHello",
 *  "description": "sent ClientHello (v2) for example-server",
 *  "values": [{"name": "random", "kind": "bytes", "value": "1d4f...", "secret": false}, ...]}
 * </pre>
 *
 * A {@code bytes} value is lowercase hex, a {@code text} value the text itself. A TLS 1.3 record's event also has
 * {@code "fields"}: the record dissected as {@code minitls decode --json} writes records ({@link DissectionJson}).
 * Everything outside printable ASCII is escaped, so each line is plain ASCII whatever the terminal's encoding.
 */
public final class JsonTraceWriter implements NarrationPrinter {

    private final PrintStream out;

    public JsonTraceWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void print(Narration event) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"side\": ").append(JsonStrings.quote(event.side().label()))
                .append(", \"peer\": ").append(JsonStrings.quote(event.peer()))
                .append(", \"step\": ").append(event.step().number())
                .append(", \"step_name\": ").append(JsonStrings.quote(Narration.title(event.step())))
                .append(", \"description\": ").append(JsonStrings.quote(event.description()))
                .append(", \"values\": [");
        for (int i = 0; i < event.values().size(); i++) {
            TraceValue value = event.values().get(i);
            json.append(i == 0 ? "" : ", ")
                    .append("{\"name\": ").append(JsonStrings.quote(value.name()))
                    .append(", \"kind\": ").append(JsonStrings.quote(value.kind().name().toLowerCase(Locale.ROOT)))
                    .append(", \"value\": ").append(JsonStrings.quote(value.asString()))
                    .append(", \"secret\": ").append(value.secret()).append('}');
        }
        json.append("]");
        if (!event.fields().isEmpty()) {
            json.append(", \"fields\": ").append(DissectionJson.fields(event.fields()));
        }
        json.append('}');
        synchronized (this) {
            out.println(json);
            out.flush();
        }
    }
}
