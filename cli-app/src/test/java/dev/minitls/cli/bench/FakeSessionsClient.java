package dev.minitls.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A sessions client gone wrong, for {@link ServerSessionsTest}: started like {@link SessionsClient}, its first
 * argument says how it misbehaves (the real arguments follow, unused). It opens no session.
 */
public final class FakeSessionsClient {

    private FakeSessionsClient() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader bench = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        switch (args[0]) {
            case "dies" -> {
                bench.readLine();
                System.err.println("cannot reach the server: \u001b[2J connection refused");
                System.exit(3);
            }
            case "malformed" -> say(bench, "established lots");
            case "too-many" -> say(bench, "established 11");
            case "long-line" -> say(bench, "established " + "1".repeat(100));
            case "silent" -> say(bench, null);
            case "echoes-fewer" -> {
                say(bench, "established 10");
                say(bench, "echoed 9");
            }
            case "lingers" -> {
                say(bench, "established 10");
                say(bench, "echoed 10");
            }
            case "dies-after-established" -> {
                say(bench, "established 10");
                bench.readLine();
                System.err.println("session 4: connection reset");
                System.exit(1);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        while (bench.readLine() != null) {
            // waits for the bench to go, or to kill it
        }
    }

    /** Reads the bench's first word, then says {@code line} (nothing when null). */
    private static void say(BufferedReader bench, String line) throws IOException {
        bench.readLine();
        if (line != null) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
