package dev.minitls.cli.trace;

import dev.minitls.cli.decode.DissectionRows;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.trace.Side;
import dev.minitls.transport.tls13.dissect.Field;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code --trace}: one block per step as it happens, headed by the seed's step number and name and the side it
 * happened on, then each event of that step with every value, secrets included and marked. Hex is shown 32 bytes
 * a line; a value longer than {@value #MAX_LINES} lines is shortened in the middle (the JSON trace has every byte).
 * Events from several threads (a server's connections, a client's reader) never interleave within a line or event.
 * A TLS 1.3 record is shown field by field in the rows {@code minitls decode} prints ({@link DissectionRows}: offset
 * in the stream of its direction, hex, field and meaning), decrypted with the secrets the trace was told.
 */
public final class TracePrinter implements NarrationPrinter {

    /** Hex digits per line: 32 bytes, a key or a hash. */
    static final int HEX_PER_LINE = 64;
    /** Lines a value may take before it is shortened in the middle. */
    static final int MAX_LINES = 4;

    private static final String EVENT_INDENT = "   ";
    private static final String VALUE_INDENT = "     ";
    private static final String SECRET = " [secret]";
    private static final int HEADER_WIDTH = 60;
    private static final int MIN_READABLE = 4;

    private static final String FIELD_INDENT = "     ";

    private final PrintStream out;
    private final Colour colour;
    private String block;

    public TracePrinter(PrintStream out, Colour colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public void print(Narration event) {
        List<String> lines = new ArrayList<>();
        String blockKey = event.step() + " " + event.side() + " " + event.peer();
        synchronized (this) {
            if (!Objects.equals(blockKey, block)) {
                if (block != null) {
                    lines.add("");
                }
                lines.add(header(event));
                block = blockKey;
            }
            lines.add(EVENT_INDENT + PeerText.escape(event.description()));
            int width = event.values().stream().mapToInt(v -> label(v).length()).max().orElse(0) + 2;
            for (TraceValue value : event.values()) {
                lines.addAll(value(value, width));
            }
            for (Field record : event.fields()) {
                DissectionRows.of(record).forEach(row -> lines.add(FIELD_INDENT + row));
            }
            lines.forEach(out::println);
            out.flush();
        }
    }

    private String header(Narration event) {
        String title = "── " + event.step().number() + " " + Narration.title(event.step()) + " ";
        String rule = "─".repeat(Math.max(3, HEADER_WIDTH - title.length()));
        String where = event.side().label() + (event.peer().isEmpty() ? "" : ", peer " + event.peer());
        String side = event.side() == Side.CLIENT ? colour.cyan(where) : colour.magenta(where);
        return colour.bold(title + rule) + " " + side;
    }

    private List<String> value(TraceValue value, int width) {
        List<String> shown = shorten(value.kind() == TraceValue.Kind.TEXT
                ? value.asString().lines().map(PeerText::escape).toList()
                : hexLines(value.asString()), value.value().length);
        List<String> lines = new ArrayList<>();
        String pad = " ".repeat(width);
        for (int i = 0; i < shown.size(); i++) {
            String text = value.secret() ? colour.red(shown.get(i)) : shown.get(i);
            String name = i == 0 ? String.format("%-" + width + "s", label(value)) : pad;
            lines.add(VALUE_INDENT + (i == 0 ? colour.dim(name) : name) + text);
        }
        if (shown.isEmpty()) {
            lines.add(VALUE_INDENT + colour.dim(label(value)) + "  (empty)");
        }
        if (value.kind() == TraceValue.Kind.BYTES && !value.secret()) {
            readable(value.value()).ifPresent(text -> lines.add(VALUE_INDENT + pad + colour.dim("as text: ") + text));
        }
        return lines;
    }

    /**
     * Bytes that are text, such as a record's plaintext, also shown as text: quoted, escapes for line ends, cut to
     * one line. A last byte that is not text (a v2 record's content type) is shown apart.
     */
    static Optional<String> readable(byte[] bytes) {
        int end = bytes.length > 0 && !isText(bytes[bytes.length - 1]) ? bytes.length - 1 : bytes.length;
        if (end < MIN_READABLE) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < end; i++) {
            if (!isText(bytes[i])) {
                return Optional.empty();
            }
            if (text.length() <= HEX_PER_LINE) {
                text.append(bytes[i] == '\n' ? "\\n" : String.valueOf((char) bytes[i]));
            }
        }
        text.append(text.length() > HEX_PER_LINE ? "…\"" : "\"");
        return Optional.of(end < bytes.length ? text + String.format(" + byte %02x", bytes[end]) : text.toString());
    }

    private static boolean isText(byte b) {
        return b == '\n' || (b >= 0x20 && b < 0x7f);
    }

    private static String label(TraceValue value) {
        return value.name() + (value.secret() ? SECRET : "");
    }

    private static List<String> hexLines(String hex) {
        List<String> lines = new ArrayList<>();
        for (int start = 0; start < hex.length(); start += HEX_PER_LINE) {
            lines.add(hex.substring(start, Math.min(hex.length(), start + HEX_PER_LINE)));
        }
        return lines;
    }

    /** The first lines and the last, with a line saying how much is left out, when there are too many. */
    private static List<String> shorten(List<String> lines, int bytes) {
        if (lines.size() <= MAX_LINES) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, MAX_LINES - 2));
        shown.add("… " + (lines.size() - MAX_LINES + 1) + " more lines (" + bytes
                + " bytes in all; --trace=json shows every byte)");
        shown.add(lines.get(lines.size() - 1));
        return shown;
    }
}
