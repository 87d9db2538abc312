package dev.minitls.cli.kat;

import static dev.minitls.cli.kat.KatJson.HEX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minitls.cli.kat.SessionDecryptor.HandshakeLine;
import dev.minitls.cli.kat.SessionDecryptor.OpenedRecord;
import dev.minitls.cli.support.TraceRecorder;
import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.Side;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The known answers of one protocol v2 session, {@code src/test/resources/kat/v2-known-answer.json}: the pinned
 * inputs; the certificates and server key issued from them; every frame on the wire in order with its sender and,
 * for a record, the keys that open it, its sequence number and its inner plaintext; the handshake lines with the
 * transcript hash after each; every secret, key, IV and finished key by its RFC 8446 name; the CertificateVerify
 * signature and both Finished verify_data.
 *
 * <p>The implementation produces the file ({@link #generate}: {@link V2Session} with {@link BcCryptoProvider}, read
 * back by {@link SessionDecryptor}, checked against both sides' traces); {@code V2KnownAnswerTest} replays it with
 * both providers, and {@code check_v2_key_schedule.py} recomputes it with Python's {@code cryptography}. Regenerate
 * it only when the protocol changes on purpose, from the project root, then review the diff and rerun the tests:
 *
 * <pre>
 * mvn -q -o test -pl cli-app -Dtest=V2KnownAnswerRegenerationTest -Dminitls.kat.regenerate=true
 * </pre>
 */
final class V2KnownAnswer {

    /** The file on the test class path. */
    static final String RESOURCE = "kat/v2-known-answer.json";

    /** The largest known-answer file read; this one is about 16 KiB. */
    static final int MAX_FILE_BYTES = 1 << 20;
    private static final String ABOUT = "Known answers of one minitls protocol v2 session (docs/PROTOCOL.md): "
            + "handshake, \"hello v2\" echoed, close_notify both ways. Produced by dev.minitls.cli.kat.V2KnownAnswer "
            + "with the Bouncy Castle provider; replayed by V2KnownAnswerTest with both providers; recomputed by "
            + "check_v2_key_schedule.py. Every key here is test material, public on purpose: never use it elsewhere.";

    private final ObjectNode json;

    private V2KnownAnswer(ObjectNode json) {
        this.json = json;
    }

    /**
     * Runs the session with {@code inputs} and records everything it put on the wire and derived.
     *
     * @throws IllegalStateException when a side traced a value that differs from what the wire holds
     */
    static V2KnownAnswer generate(KatInputs inputs, CryptoProvider crypto) {
        Pki pki = inputs.issue();
        V2Session.Recorded session = V2Session.run(inputs, pki, crypto);
        SessionDecryptor.Result read =
                SessionDecryptor.decrypt(session.wire(), inputs.clientEphemeralPrivateKey(), crypto);
        V2KnownAnswer known = new V2KnownAnswer(toJson(inputs, pki, session.wire(), read));
        for (Side side : Side.values()) {
            List<String> differing =
                    known.disagreements(side == Side.CLIENT ? session.clientTrace() : session.serverTrace());
            if (!differing.isEmpty()) {
                throw new IllegalStateException("the " + side.label() + " traced values the wire does not hold: "
                        + differing);
            }
        }
        return known;
    }

    /** The file as the tests see it, on the class path. */
    static V2KnownAnswer load() throws IOException {
        return load(RESOURCE);
    }

    /** The known answers in {@code resource} on the test class path. */
    static V2KnownAnswer load(String resource) throws IOException {
        try (InputStream in = V2KnownAnswer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return parse(readBounded(in, resource));
        }
    }

    /** The text of {@code in}, refused when it holds more than {@link #MAX_FILE_BYTES}. */
    static String readBounded(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalStateException(name + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static V2KnownAnswer parse(String text) {
        return new V2KnownAnswer(KatJson.parse(text));
    }

    /** The file's text. */
    String toJson() {
        return KatJson.write(json);
    }

    /** The top-level members, in file order. */
    List<String> memberNames() {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** One top-level member, as JSON. */
    JsonNode member(String name) {
        return KatJson.member(json, name);
    }

    KatInputs inputs() {
        return KatInputs.fromJson(KatJson.object(json, "inputs"));
    }

    Pki pki() {
        return new Pki(KatJson.text(json, "root_certificate_pem"), KatJson.text(json, "server_certificate_pem"),
                KatJson.text(json, "server_private_key_pem"));
    }

    /** Every frame on the wire, in order. */
    List<WireFrame> wire() {
        List<WireFrame> wire = new ArrayList<>();
        for (JsonNode frame : KatJson.array(json, "wire")) {
            wire.add(new WireFrame(side(KatJson.text(frame, "from")), ascii(KatJson.text(frame, "line"))));
        }
        return wire;
    }

    /** The inner plaintext (content and content type) of the record that is frame {@code index} of the wire. */
    byte[] innerPlaintext(int index) {
        return KatJson.hex(KatJson.array(json, "wire").get(index), "inner_plaintext");
    }

    /** The traffic key and IV of {@code keys}, e.g. {@code client_application}, as the file records them. */
    TrafficKeys trafficKeys(String keys) {
        JsonNode secrets = KatJson.object(json, "secrets");
        return new TrafficKeys(Secret.of(KatJson.hex(secrets, keys + "_key")),
                Secret.of(KatJson.hex(secrets, keys + "_iv")));
    }

    /** The transcript hash after each handshake message, as hex. */
    List<String> transcriptHashes() {
        List<String> hashes = new ArrayList<>();
        for (JsonNode line : KatJson.array(json, "handshake")) {
            hashes.add(HEX.formatHex(KatJson.hex(line, "transcript_hash")));
        }
        return hashes;
    }

    /** Every secret, key, IV and finished key by name, as hex. */
    Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        JsonNode section = KatJson.object(json, "secrets");
        section.fieldNames().forEachRemaining(name -> secrets.put(name, HEX.formatHex(KatJson.hex(section, name))));
        return secrets;
    }

    /**
     * The names of the values a side traced that differ from these answers: every secret the handshake traces,
     * the CertificateVerify signature, both verify_data, and {@code transcript} when its traced transcript hashes
     * are not, in order, among the recorded ones. A value traced twice or not at all differs too.
     */
    List<String> disagreements(TraceRecorder trace) {
        JsonNode secrets = KatJson.object(json, "secrets");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("shared secret", HEX.formatHex(KatJson.hex(secrets, "shared_secret")));
        for (String name : List.of("handshake_secret", "client_handshake_traffic_secret",
                "server_handshake_traffic_secret", "master_secret", "client_application_traffic_secret_0",
                "server_application_traffic_secret_0")) {
            expected.put(name, HEX.formatHex(KatJson.hex(secrets, name)));
        }
        expected.put("signature", HEX.formatHex(KatJson.hex(json, "certificate_verify_signature")));
        expected.put("server Finished", HEX.formatHex(KatJson.hex(json, "server_verify_data")));
        expected.put("client Finished", HEX.formatHex(KatJson.hex(json, "client_verify_data")));

        List<String> differing = new ArrayList<>();
        expected.forEach((name, value) -> {
            if (!hex(trace.values(name)).equals(List.of(value))) {
                differing.add(name);
            }
        });
        if (!isOrderedSubsequence(hex(trace.values("transcript")), transcriptHashes())) {
            differing.add("transcript");
        }
        return differing;
    }

    private static ObjectNode toJson(KatInputs inputs, Pki pki, List<WireFrame> wire,
            SessionDecryptor.Result read) {
        ObjectNode json = KatJson.MAPPER.createObjectNode();
        json.put("about", ABOUT);
        json.set("inputs", inputs.toJson());
        json.put("root_certificate_pem", pki.rootCertificatePem());
        json.put("server_certificate_pem", pki.serverCertificatePem());
        json.put("server_private_key_pem", pki.serverPrivateKeyPem());
        ArrayNode frames = json.putArray("wire");
        for (int i = 0; i < wire.size(); i++) {
            ObjectNode frame = frames.addObject();
            frame.put("from", wire.get(i).from().label());
            frame.put("line", wire.get(i).text());
            read.records().get(i).ifPresent(record -> describe(frame, record));
        }
        ArrayNode handshake = json.putArray("handshake");
        for (HandshakeLine line : read.handshake()) {
            ObjectNode entry = handshake.addObject();
            entry.put("message", line.message());
            entry.put("from", line.from().label());
            entry.put("line", new WireFrame(line.from(), line.line()).text());
            entry.put("transcript_hash", HEX.formatHex(line.transcriptHash()));
        }
        ObjectNode secrets = json.putObject("secrets");
        read.secrets().forEach((name, value) -> secrets.put(name, HEX.formatHex(value)));
        json.put("certificate_verify_signature", HEX.formatHex(read.signature()));
        json.put("server_verify_data", HEX.formatHex(read.verifyData().get(Side.SERVER)));
        json.put("client_verify_data", HEX.formatHex(read.verifyData().get(Side.CLIENT)));
        return json;
    }

    private static void describe(ObjectNode frame, OpenedRecord record) {
        frame.put("keys", record.keys());
        frame.put("seq", Math.toIntExact(record.sequence()));
        frame.put("content_type", record.contentType().name().toLowerCase(Locale.ROOT));
        frame.put("inner_plaintext", HEX.formatHex(record.innerPlaintext()));
    }

    private static Side side(String label) {
        for (Side side : Side.values()) {
            if (side.label().equals(label)) {
                return side;
            }
        }
        throw new IllegalStateException("\"from\" must be \"client\" or \"server\", got \"" + label + "\"");
    }

    private static byte[] ascii(String line) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(line)) {
            throw new IllegalStateException("a recorded line is not ASCII");
        }
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> hex(List<byte[]> values) {
        return values.stream().map(HEX::formatHex).toList();
    }

    private static boolean isOrderedSubsequence(List<String> part, List<String> whole) {
        int from = 0;
        for (String value : part) {
            int found = whole.subList(from, whole.size()).indexOf(value);
            if (found < 0) {
                return false;
            }
            from += found + 1;
        }
        return !part.isEmpty();
    }
}
