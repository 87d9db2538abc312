package dev.minitls.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.testing.SharedVectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads the shared JSON vector files; a test whose file is absent is skipped (see {@link SharedVectors}). */
public final class VectorFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VectorFiles() {
    }

    /** The parsed JSON of {@code name}, e.g. {@code rfc-vectors.json}. */
    public static JsonNode read(String name) {
        try {
            return JSON.readTree(SharedVectors.require(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a JSON string holding hex. */
    public static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.textValue());
    }

    /** The UTF-8 bytes of a JSON string, such as a PEM text. */
    public static byte[] utf8(JsonNode node) {
        return node.textValue().getBytes(StandardCharsets.UTF_8);
    }
}
