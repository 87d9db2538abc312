package dev.minitls.cli.trace;

import java.util.Map;

/** ANSI colours for a terminal; none at all when the output is not one. */
public enum Colour {
    /** Colours on. */
    ON,
    /** Plain text. */
    OFF;

    /**
     * Colour when the output is a terminal whose type is known and not {@code dumb}, and the user has not set
     * {@code NO_COLOR} (https://no-color.org); piped or redirected output never gets colour.
     *
     * @param terminal whether standard output is a terminal ({@code System.console() != null} on Java 17)
     */
    public static Colour choose(boolean terminal, Map<String, String> environment) {
        String term = environment.get("TERM");
        boolean capable = term != null && !term.isEmpty() && !term.equals("dumb");
        return terminal && capable && !environment.containsKey("NO_COLOR") ? ON : OFF;
    }

    /** For this process's standard output. */
    public static Colour forStandardOutput() {
        return choose(System.console() != null, System.getenv());
    }

    String bold(String text) {
        return wrap("1", text);
    }

    String dim(String text) {
        return wrap("2", text);
    }

    String red(String text) {
        return wrap("31", text);
    }

    String cyan(String text) {
        return wrap("36", text);
    }

    String magenta(String text) {
        return wrap("35", text);
    }

    private String wrap(String code, String text) {
        return this == ON ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
