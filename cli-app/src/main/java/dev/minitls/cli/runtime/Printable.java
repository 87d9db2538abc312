package dev.minitls.cli.runtime;

/** Makes peer-supplied text safe to print on a terminal: control characters are shown as escapes. */
public final class Printable {

    private Printable() {
    }

    public static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
