package dev.minitls.cli.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.testing.SharedVectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The RFC 8448 section 3 connection ({@code rfc8448-1rtt.json}) as a capture: each direction's stream of records,
 * and the key log its secrets make, NSS labels and the ClientHello's random as browsers write it.
 */
final class Rfc8448Capture {

    private final JsonNode root;

    private Rfc8448Capture(JsonNode root) {
        this.root = root;
    }

    static Rfc8448Capture load() {
        try {
            return new Rfc8448Capture(new ObjectMapper().readTree(SharedVectors.require("rfc8448-1rtt.json")
                    .toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] hex(String path) {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            node = node.get(name);
        }
        return HexFormat.of().parseHex(node.get("hex").asText());
    }

    /** What the client sent: ClientHello, its Finished, its data, its close_notify. */
    byte[] clientStream() {
        return concat(hex("client_hello.record"), hex("client_finished.record"),
                hex("application_data.client_record"), hex("alerts.client_record"));
    }

    /** What the server sent: ServerHello, its encrypted flight, the ticket, its data, its close_notify. */
    byte[] serverStream() {
        return concat(hex("server_hello.record"), hex("server_encrypted_flight.record"),
                hex("new_session_ticket.record"), hex("application_data.server_record"), hex("alerts.server_record"));
    }

    /** The ClientHello's random: its bytes after the record header, the handshake header and legacy_version. */
    byte[] clientRandom() {
        int at = 5 + 4 + 2;
        return Arrays.copyOfRange(hex("client_hello.record"), at, at + 32);
    }

    /** The key log lines of the connection's four traffic secrets. */
    List<String> keyLogLines() {
        String random = HexFormat.of().formatHex(clientRandom());
        return List.of(
                "# RFC 8448 section 3",
                line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", random, "key_schedule.client_handshake_traffic_secret"),
                line("SERVER_HANDSHAKE_TRAFFIC_SECRET", random, "key_schedule.server_handshake_traffic_secret"),
                line("CLIENT_TRAFFIC_SECRET_0", random, "key_schedule.client_application_traffic_secret_0"),
                line("SERVER_TRAFFIC_SECRET_0", random, "key_schedule.server_application_traffic_secret_0"));
    }

    private String line(String label, String random, String secret) {
        return label + " " + random + " " + HexFormat.of().formatHex(hex(secret));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
