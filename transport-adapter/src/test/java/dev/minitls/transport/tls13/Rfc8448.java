package dev.minitls.transport.tls13;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.testing.SharedVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** The values of RFC 8448 section 3 from {@code rfc8448-1rtt.json}; the calling test is skipped when it is absent. */
final class Rfc8448 {

    private final JsonNode root;

    private Rfc8448(JsonNode root) {
        this.root = root;
    }

    static Rfc8448 load() {
        try {
            return new Rfc8448(new ObjectMapper().readTree(SharedVectors.require("rfc8448-1rtt.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes at a dotted path, e.g. {@code client_hello.message}. */
    byte[] hex(String path) {
        return HexFormat.of().parseHex(node(path).get("hex").asText());
    }

    long number(String path) {
        return node(path).asLong();
    }

    /** The protection of the direction and key a record names ({@code traffic_keys}), at sequence number 0. */
    RecordProtection keysOf(String recordPath) {
        String keys = "traffic_keys." + node(recordPath + ".traffic_keys").asText();
        return new RecordProtection(new JdkAead(hex(keys + ".key")), hex(keys + ".iv"));
    }

    private JsonNode node(String path) {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            node = node.get(name);
            if (node == null) {
                throw new IllegalArgumentException("no " + path + " in rfc8448-1rtt.json");
            }
        }
        return node;
    }
}
