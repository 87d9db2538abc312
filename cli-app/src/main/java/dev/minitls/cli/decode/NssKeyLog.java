package dev.minitls.cli.decode;

import dev.minitls.cli.runtime.UserError;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An NSS key log ({@code SSLKEYLOGFILE}), read as Wireshark reads it: one entry a line, {@code LABEL
 * <client random in hex> <secret in hex>}, separated by spaces; empty lines and lines starting with {@code #} are
 * skipped; a label this reader does not use is kept but never asked for. A line of another shape is refused, with
 * its number. Secrets are never part of a message.
 */
public final class NssKeyLog {

    private static final int RANDOM_LENGTH = 32;
    private static final int MAX_SECRET = 64;
    private static final HexFormat HEX = HexFormat.of();

    /** The secrets, by client random (lowercase hex), then by label. */
    private final Map<String, Map<String, byte[]>> secrets;

    private NssKeyLog(Map<String, Map<String, byte[]>> secrets) {
        this.secrets = secrets;
    }

    /** Reads the lines of the key log file {@code name}. */
    public static NssKeyLog parse(String name, List<String> lines) {
        Map<String, Map<String, byte[]>> secrets = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String where = name + " line " + (i + 1) + ": ";
            if (fields.length != 3) {
                throw new UserError(where + "not a key log line: it has " + fields.length + " fields, not 3 (LABEL"
                        + " client_random secret)");
            }
            byte[] random = hex(where, "client random", fields[1]);
            if (random.length != RANDOM_LENGTH) {
                throw new UserError(where + "the client random is " + random.length + " bytes, not " + RANDOM_LENGTH);
            }
            byte[] secret = hex(where, "secret", fields[2]);
            if (secret.length == 0 || secret.length > MAX_SECRET) {
                throw new UserError(where + "a secret of " + secret.length + " bytes; 1 to " + MAX_SECRET
                        + " expected");
            }
            secrets.computeIfAbsent(HEX.formatHex(random), key -> new HashMap<>()).put(fields[0], secret);
        }
        return new NssKeyLog(secrets);
    }

    /** Whether any line is for the connection whose ClientHello carried {@code clientRandom}. */
    public boolean has(byte[] clientRandom) {
        return secrets.containsKey(HEX.formatHex(clientRandom));
    }

    /** The secret logged under {@code label} for that connection. */
    public Optional<byte[]> secret(String label, byte[] clientRandom) {
        return Optional.ofNullable(secrets.getOrDefault(HEX.formatHex(clientRandom), Map.of()).get(label))
                .map(byte[]::clone);
    }

    private static byte[] hex(String where, String what, String text) {
        if (text.length() % 2 != 0) {
            throw new UserError(where + "the " + what + " has an odd number of hex digits");
        }
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(where + "the " + what + " is not hex");
        }
    }
}
