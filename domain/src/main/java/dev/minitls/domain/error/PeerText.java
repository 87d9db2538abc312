package dev.minitls.domain.error;

/**
 * Text a peer chose (a suite, a name in a certificate, an alert or message type it made up, a library's message
 * about its bytes), made fit for a log line, an error message, a trace or a terminal. This is the one place that
 * does it: every peer value that enters a message goes through {@link #quote}, and what is shown on its own (a trace
 * value, a message received) through {@link #escape}.
 *
 * <p>Escaped as {@code \}{@code uXXXX} (lowercase hex, one per UTF-16 unit): control characters (C0, DEL, C1: they
 * move the cursor, clear the screen or end a line), the line and paragraph separators U+2028 and U+2029, format
 * characters (bidi overrides and isolates, zero-width characters, tag characters: they reorder or hide text), lone
 * surrogates, private-use and unassigned code points. Everything else, accented letters included, is kept. The
 * result is one line, and nothing in it can act on a terminal.
 */
public final class PeerText {

    /** Code points of a peer value {@link #quote} shows; the rest is cut, and the full length said. */
    public static final int MAX_QUOTED = 128;

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private PeerText() {
    }

    /**
     * {@code text} as a peer value inside a message: in double quotes, with {@code "} and {@code \} escaped as
     * {@code \"} and {@code \\} as well, so that where it ends is never in doubt; at most {@value #MAX_QUOTED} code
     * points of it, then {@code ...} and its length, e.g. {@code "aaaa"... (5000 characters)}.
     */
    public static String quote(String text) {
        int length = text.codePointCount(0, text.length());
        String shown = length <= MAX_QUOTED ? text : text.substring(0, text.offsetByCodePoints(0, MAX_QUOTED));
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        shown.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else {
                append(out, c);
            }
        });
        out.append('"');
        return length <= MAX_QUOTED ? out.toString() : out + "... (" + length + " characters)";
    }

    /**
     * {@code text}, shown on its own (a trace value, a line of text received), with what could act on a terminal
     * escaped and nothing else: whole, unquoted, {@code \} kept as it is. Escaping what it returned changes nothing,
     * so text that went through {@link #quote} or this is never escaped twice.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> append(out, c));
        return out.toString();
    }

    private static void append(StringBuilder out, int c) {
        if (!isInert(c)) {
            for (char unit : Character.toChars(c)) {
                out.append('\\').append('u').append(HEX_DIGITS[unit >> 12]).append(HEX_DIGITS[(unit >> 8) & 0xf])
                        .append(HEX_DIGITS[(unit >> 4) & 0xf]).append(HEX_DIGITS[unit & 0xf]);
            }
        } else {
            out.appendCodePoint(c);
        }
    }

    /** True when {@code c} shows as itself and does nothing else on a terminal. */
    private static boolean isInert(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
