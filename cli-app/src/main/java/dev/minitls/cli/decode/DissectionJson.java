package dev.minitls.cli.decode;

import dev.minitls.transport.json.JsonStrings;
import dev.minitls.transport.tls13.dissect.Dissection;
import dev.minitls.transport.tls13.dissect.Field;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A dissection as one line of JSON, for tools: {@code {"input", "format", "direction", "records": [field...],
 * "error": {"offset", "reason"} or null}}, each field {@code {"name", "space", "offset", "length", "hex", "meaning",
 * "fields": [...]}} (space: {@code stream}, {@code plaintext}, {@code message} or {@code computed}, as
 * {@link Field.Space} says). Strings are plain ASCII, escaped as {@link JsonStrings#quote} writes them.
 */
public final class DissectionJson {

    private DissectionJson() {
    }

    public static String of(Capture capture, Dissection dissection) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"input\": ").append(JsonStrings.quote(capture.name()))
                .append(", \"format\": ").append(JsonStrings.quote(capture.format()))
                .append(", \"direction\": ").append(dissection.direction()
                        .map(direction -> JsonStrings.quote(direction.toString())).orElse("null"))
                .append(", \"records\": ").append(fields(dissection.records()));
        json.append(", \"error\": ").append(dissection.error().map(error -> "{\"offset\": " + error.offset()
                + ", \"reason\": " + JsonStrings.quote(error.reason()) + "}").orElse("null")).append('}');
        return json.toString();
    }

    /** {@code records} (or any fields) as a JSON array of fields. */
    public static String fields(List<Field> records) {
        StringBuilder json = new StringBuilder(256).append('[');
        for (int i = 0; i < records.size(); i++) {
            field(json.append(i == 0 ? "" : ", "), records.get(i));
        }
        return json.append(']').toString();
    }

    private static void field(StringBuilder json, Field field) {
        json.append("{\"name\": ").append(JsonStrings.quote(field.name()))
                .append(", \"space\": ").append(JsonStrings.quote(field.space().name().toLowerCase(Locale.ROOT)))
                .append(", \"offset\": ").append(field.offset())
                .append(", \"length\": ").append(field.length())
                .append(", \"hex\": ").append(JsonStrings.quote(HexFormat.of().formatHex(field.bytes())))
                .append(", \"meaning\": ").append(JsonStrings.quote(field.meaning()))
                .append(", \"fields\": [");
        for (int i = 0; i < field.children().size(); i++) {
            field(json.append(i == 0 ? "" : ", "), field.children().get(i));
        }
        json.append("]}");
    }
}
