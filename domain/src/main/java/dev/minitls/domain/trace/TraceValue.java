package dev.minitls.domain.trace;

/**
 * One value shown with a step. {@code secret} marks key material: observers must not print it outside an explicit
 * trace mode (the demo shows only a short prefix).
 */
public record TraceValue(String name, byte[] value, boolean secret) {

    public static TraceValue open(String name, byte[] value) {
        return new TraceValue(name, value, false);
    }

    public static TraceValue secret(String name, byte[] value) {
        return new TraceValue(name, value, true);
    }
}
