package dev.minitls.domain.tls13;

import java.util.Map;

/** The checks and names shared by the 16-bit code-point records ({@link CipherSuite} and its siblings). */
final class CodePoints {

    private CodePoints() {
    }

    /** {@code code} when it fits 16 bits. */
    static int uint16(String what, int code) {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException(what + " must fit 16 bits, got " + code);
        }
        return code;
    }

    /** The RFC name of {@code code}, or its number in hex ({@code 0x1234}) when minitls does not know it. */
    static String name(Map<Integer, String> names, int code) {
        return names.getOrDefault(code, String.format("0x%04x", code));
    }
}
