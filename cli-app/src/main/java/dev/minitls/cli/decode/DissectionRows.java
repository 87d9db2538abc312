package dev.minitls.cli.decode;

import dev.minitls.domain.error.PeerText;
import dev.minitls.transport.tls13.dissect.Field;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A dissection as readable rows: the offset, up to {@value #BYTES_PER_ROW} bytes in hex, and the field's name
 * (indented by depth) with its meaning; a longer field goes on over as many rows as its bytes need. A structure gets
 * one row with its length, then its fields. Offsets are hex, counted in the stream; {@code p} marks one counted in a
 * decrypted record's plaintext, {@code m} one in a message reassembled from several records; a computed value (a
 * nonce) has none.
 */
public final class DissectionRows {

    /** Bytes shown on one row. */
    public static final int BYTES_PER_ROW = 16;

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final int HEX_WIDTH = BYTES_PER_ROW * 3 - 1;

    private DissectionRows() {
    }

    /** The rows of one record and everything in it. */
    public static List<String> of(Field record) {
        List<String> rows = new ArrayList<>();
        add(rows, record, 0);
        return rows;
    }

    private static void add(List<String> rows, Field field, int depth) {
        String offset = offset(field);
        String label = "  ".repeat(depth) + field.name();
        String meaning = field.meaning().isEmpty() ? "" : ": " + PeerText.escape(field.meaning());
        if (!field.children().isEmpty() || field.length() == 0) {
            String size = field.length() == 0 ? "" : " (" + field.length() + " bytes)";
            rows.add(row(offset, "", label + size + meaning));
            field.children().forEach(child -> add(rows, child, depth + 1));
            return;
        }
        byte[] bytes = field.bytes();
        for (int at = 0; at < bytes.length; at += BYTES_PER_ROW) {
            String hex = HEX.formatHex(bytes, at, Math.min(bytes.length, at + BYTES_PER_ROW));
            String rowOffset = at == 0 ? offset : offset(field, at);
            rows.add(row(rowOffset, hex, at == 0 ? label + meaning : ""));
        }
    }

    private static String row(String offset, String hex, String text) {
        return String.format("%-7s %-" + HEX_WIDTH + "s  %s", offset, hex, text).stripTrailing();
    }

    private static String offset(Field field) {
        return offset(field, 0);
    }

    private static String offset(Field field, int within) {
        int at = field.offset() + within;
        return switch (field.space()) {
            case STREAM -> String.format("%04x", at);
            case PLAINTEXT -> String.format("p%04x", at);
            case MESSAGE -> String.format("m%04x", at);
            case COMPUTED -> "";
        };
    }

    /** One line that tells how to read the offsets, for the top of the output. */
    public static String legend() {
        return "offsets in hex: in the stream; p = in a decrypted record's plaintext; m = in a message reassembled"
                + " from several records";
    }
}
