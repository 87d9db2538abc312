package dev.minitls.transport.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * String escaping exactly as Python's {@code json.dumps} does it by default ({@code ensure_ascii=True}): everything
 * outside printable ASCII becomes {@code \\uXXXX} with lowercase hex, one escape per UTF-16 unit (so characters
 * beyond the BMP become surrogate pairs); {@code "} and {@code \\} are escaped, {@code \\n \\r \\t \\b \\f} get
 * their short forms, and {@code /} is left alone. Every escape is custom, so Jackson's own defaults (uppercase hex,
 * DEL unescaped) never apply.
 */
final class PythonEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private final int[] asciiEscapes = new int[128];

    PythonEscapes() {
        for (int c = 0; c < asciiEscapes.length; c++) {
            asciiEscapes[c] = needsEscape((char) c) ? ESCAPE_CUSTOM : ESCAPE_NONE;
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return asciiEscapes.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return new SerializedString(escape((char) ch));
    }

    /** {@code text} as Python writes it: quoted and escaped, pure ASCII (a JSON string literal, for JSON output). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                out.append(escape(c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c > 0x7e || c == '"' || c == '\\';
    }

    private static String escape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> new String(new char[] {'\\', 'u',
                HEX_DIGITS[c >> 12], HEX_DIGITS[(c >> 8) & 0xf], HEX_DIGITS[(c >> 4) & 0xf], HEX_DIGITS[c & 0xf]});
        };
    }
}
