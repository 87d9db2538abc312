package dev.minitls.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints {@code speed} figures as a table like {@code openssl speed}: a row per primitive, a column per provider. */
public final class SpeedTable {

    private static final String ROW = "%-28s";
    private static final String CELL = "%16s";

    private SpeedTable() {
    }

    /** The table of {@code figures}, one column per provider in the order given, and the floor of each. */
    public static void print(PrintStream out, List<String> providers, List<Primitive> primitives,
            List<Figure> figures, List<HandshakeFloor> floors) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, ROW, "primitive"));
        providers.forEach(provider -> header.append(String.format(Locale.ROOT, CELL, provider)));
        out.println(header);
        for (Primitive primitive : primitives) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, ROW, primitive.label()));
            for (String provider : providers) {
                String cell = figures.stream()
                        .filter(f -> f.provider().equals(provider) && f.primitive() == primitive)
                        .findFirst()
                        .map(f -> cell(primitive, f.rate()))
                        .orElse("-");
                row.append(String.format(Locale.ROOT, CELL, cell));
            }
            out.println(row);
        }
        if (!floors.isEmpty()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, ROW, "handshake floor, one core"));
            floors.forEach(floor -> row.append(String.format(Locale.ROOT, CELL,
                    String.format(Locale.ROOT, "%,.0f/s", floor.perSecond()))));
            out.println(row);
            out.println("(floor: 2 X25519 keygen + agreement, 1 Ed25519 sign, 2 Ed25519 verify; both sides' public-key"
                    + " work, nothing else)");
        }
    }

    private static String cell(Primitive primitive, Rate rate) {
        return primitive.bytes() > 0
                ? String.format(Locale.ROOT, "%,.1f MiB/s", rate.mebibytesPerSecond(primitive.bytes()))
                : String.format(Locale.ROOT, "%,.0f/s", rate.perSecond());
    }
}
