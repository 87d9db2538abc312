package dev.minitls.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.testing.SharedVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handshake recorded from the original Python program, {@code seed-v1-golden.json} in the shared vectors.
 * Loading it skips the calling test, with a message, when the shared vectors are absent.
 */
public final class Golden {

    /** The file's name in the shared vectors folder. */
    private static final String FILE = "seed-v1-golden.json";

    private static final HexFormat HEX = HexFormat.of();

    private final JsonNode json;

    private Golden(JsonNode json) {
        this.json = json;
    }

    public static Golden load() throws IOException {
        return new Golden(new ObjectMapper().readTree(path().toFile()));
    }

    /** Where the file is; skips the calling test when it is absent. */
    public static Path path() {
        return SharedVectors.require(FILE);
    }

    /** A hex field at the top level, e.g. {@code client_random}, as bytes. */
    public byte[] hex(String field) {
        return HEX.parseHex(text(field));
    }

    /** A text field at the top level, e.g. {@code server_certificate_pem}. */
    public String text(String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException(FILE + " has no text field " + field);
        }
        return value.textValue();
    }

    /** The exact line, newline included, of the message called {@code name}, e.g. {@code ClientHello}. */
    public byte[] line(String name) {
        for (JsonNode message : json.get("messages")) {
            if (message.get("name").textValue().equals(name)) {
                return message.get("line").textValue().getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException(FILE + " has no message " + name);
    }

    /** {@code transcript_sha256_after_each_handshake_message}, as hex. */
    public List<String> transcriptHashes() {
        List<String> hashes = new ArrayList<>();
        json.get("transcript_sha256_after_each_handshake_message").forEach(hash -> hashes.add(hash.textValue()));
        return hashes;
    }

    /** Every entry of {@code derived}, by name, as hex. */
    public Map<String, String> derived() {
        Map<String, String> derived = new LinkedHashMap<>();
        json.get("derived").properties().forEach(entry -> derived.put(entry.getKey(), entry.getValue().textValue()));
        return derived;
    }

    /** The plaintext of the recorded application record. */
    public String plaintext() {
        return text("application_plaintext");
    }
}
