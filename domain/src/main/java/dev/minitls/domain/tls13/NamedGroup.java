package dev.minitls.domain.tls13;

import java.util.Map;

/** A key exchange group (RFC 8446 section 4.2.7), known or not. */
public record NamedGroup(int code) {

    public static final NamedGroup SECP256R1 = new NamedGroup(0x0017);
    public static final NamedGroup X25519 = new NamedGroup(0x001d);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x0017, "secp256r1"), Map.entry(0x0018, "secp384r1"), Map.entry(0x0019, "secp521r1"),
            Map.entry(0x001d, "x25519"), Map.entry(0x001e, "x448"),
            Map.entry(0x0100, "ffdhe2048"), Map.entry(0x0101, "ffdhe3072"), Map.entry(0x0102, "ffdhe4096"),
            Map.entry(0x0103, "ffdhe6144"), Map.entry(0x0104, "ffdhe8192"));

    public NamedGroup {
        CodePoints.uint16("a named group", code);
    }

    /** The RFC name, e.g. {@code x25519}, or {@code 0x1234} for a group minitls does not know. */
    public String name() {
        return CodePoints.name(NAMES, code);
    }

    @Override
    public String toString() {
        return name();
    }
}
