package dev.minitls.cli.trace;

import dev.minitls.domain.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One value shown with an event: bytes (a key, a hash, a record) or text (a name, a date, a sequence number).
 * {@code secret} marks key material: observers must not print it outside an explicit trace mode (the demo shows
 * only a short prefix).
 *
 * @param name what the value is; the protocol's own name where it has one (e.g. {@code master_secret})
 * @param value the bytes; for a text value, its UTF-8 encoding
 * @param kind whether the value is shown as hex or as text
 * @param secret true for key material
 */
public record TraceValue(String name, byte[] value, Kind kind, boolean secret) {

    /** How a value is meant to be shown. */
    public enum Kind {
        /** Raw bytes, shown as hex. */
        BYTES,
        /** Text, shown as it is. */
        TEXT
    }

    public TraceValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
    }

    public static TraceValue open(String name, byte[] value) {
        return new TraceValue(name, value, Kind.BYTES, false);
    }

    public static TraceValue secret(String name, byte[] value) {
        return new TraceValue(name, value, Kind.BYTES, true);
    }

    /** A value that is text, not key material. */
    public static TraceValue text(String name, String text) {
        return new TraceValue(name, text.getBytes(StandardCharsets.UTF_8), Kind.TEXT, false);
    }

    /** The text of a text value; the lowercase hex of a bytes value. */
    public String asString() {
        return kind == Kind.TEXT ? new String(value, StandardCharsets.UTF_8) : Bytes.hex(value);
    }
}
