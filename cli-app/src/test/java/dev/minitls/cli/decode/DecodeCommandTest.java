package dev.minitls.cli.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.command.MinitlsCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minitls decode} as a user runs it, on the RFC 8448 connection: the annotated records, decrypted with a key
 * log written from the RFC's secrets; and every kind of bad input ending in one line that says where and why, with
 * exit status 1 and no stack trace.
 */
class DecodeCommandTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    private Rfc8448Capture rfc;
    private String out;
    private String err;

    @BeforeEach
    void load() {
        rfc = Rfc8448Capture.load();
    }

    @Test
    void theServersFlightDecryptsWithTheKeyLogAndBothDirections() throws IOException {
        Path client = write("client.hex", HEX.formatHex(rfc.clientStream()));
        Path server = write("server.bin", rfc.serverStream());
        Path keys = dir.resolve("keys.log");
        Files.write(keys, rfc.keyLogLines());

        int status = run("decode", "--keylog", keys.toString(), client.toString(), server.toString());

        assertThat(status).as(err).isZero();
        assertThat(err).isEmpty();
        assertThat(out).contains("== " + client + ": hex, " + rfc.clientStream().length + " bytes, client to server ==",
                "== " + server + ": binary, " + rfc.serverStream().length + " bytes, server to client ==");
        assertThat(lines()).anyMatch(line -> line.matches("0000 +TLSPlaintext \\(201 bytes\\): record 1"))
                .anyMatch(line -> line.matches("000b +cb 34 ec b1 .* +random: 32 random bytes"))
                .anyMatch(line -> line.matches("p0000 +08 +msg_type: 8 encrypted_extensions"))
                .anyMatch(line -> line.contains("decryption: record 0 under server_handshake_traffic_secret"))
                .anyMatch(line -> line.contains("decryption: record 0 under client_handshake_traffic_secret"))
                .anyMatch(line -> line.contains("decryption: record 0 under server_application_traffic_secret_0"))
                .anyMatch(line -> line.contains("nonce: write_iv XOR the sequence number"));
        for (String message : List.of("EncryptedExtensions", "Certificate", "CertificateVerify", "Finished",
                "NewSessionTicket")) {
            assertThat(lines()).as(message).anyMatch(line -> line.matches("p\\w{4} +" + message
                    + " \\(\\d+ bytes\\): handshake message"));
        }
        assertThat(lines()).anyMatch(line -> line.contains("description: close_notify"))
                .anyMatch(line -> line.contains("application_data: 50 bytes"));
    }

    @Test
    void withoutKeysTheProtectedRecordsAreShownEncrypted() throws IOException {
        int status = run("decode", "--hex", HEX.formatHex(rfc.serverStream()));

        assertThat(status).as(err).isZero();
        assertThat(out).contains("ServerHello (90 bytes): handshake message", "encrypted_record: the inner"
                + " plaintext, encrypted", "not decrypted: no key for the server handshake traffic secret");
        assertThat(out).doesNotContain("EncryptedExtensions");
    }

    @Test
    void hexWithColonsSpacesAndNewlinesIsReadAsTheSameBytes() throws IOException {
        String spaced = HEX.withDelimiter(":").formatHex(rfc.hex("client_hello.record"))
                .replace("16:03:01", "16 03\n01");
        Path file = write("hello.txt", spaced);

        assertThat(run("decode", file.toString())).as(err).isZero();
        assertThat(out).contains(": hex, 201 bytes, client to server ==", "host_name: \"server\"");
    }

    @Test
    void standardInputIsReadWhenNoFileIsGivenAndBinaryIsToldApartFromHex() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(rfc.hex("server_hello.record")));
            assertThat(run("decode")).as(err).isZero();
            assertThat(out).contains("== standard input: binary, 95 bytes, server to client ==");

            System.setIn(new ByteArrayInputStream(HEX.formatHex(rfc.hex("server_hello.record"))
                    .getBytes(StandardCharsets.US_ASCII)));
            assertThat(run("decode", "-")).as(err).isZero();
            assertThat(out).contains("== standard input: hex, 95 bytes, server to client ==");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void jsonGivesALinePerInputWithItsFieldsAndItsError() throws IOException {
        Path keys = dir.resolve("keys.log");
        Files.write(keys, rfc.keyLogLines());
        byte[] cut = Arrays.copyOf(rfc.serverStream(), 100);

        int status = run("decode", "--json", "--keylog", keys.toString(), "--hex", HEX.formatHex(rfc.clientStream()),
                "--hex", HEX.formatHex(cut));

        assertThat(status).isEqualTo(MinitlsCommand.FAILED);
        List<JsonNode> inputs = lines().stream().map(DecodeCommandTest::json).toList();
        assertThat(inputs).hasSize(2);
        JsonNode client = inputs.get(0);
        assertThat(client.get("direction").asText()).isEqualTo("client");
        assertThat(client.get("records")).hasSize(4);
        assertThat(client.get("error").isNull()).isTrue();
        JsonNode hello = client.get("records").get(0).get("fields").get(3);
        assertThat(hello.get("name").asText()).isEqualTo("ClientHello");
        assertThat(hello.get("offset").asInt()).isEqualTo(5);
        assertThat(hello.get("hex").asText()).isEqualTo(HEX.formatHex(rfc.hex("client_hello.message")));
        JsonNode server = inputs.get(1);
        assertThat(server.get("direction").asText()).isEqualTo("server");
        assertThat(server.get("error").get("offset").asInt()).isEqualTo(100);
        assertThat(server.get("error").get("reason").asText()).isEqualTo("the stream ends inside the record: its"
                + " length says 674 bytes, only 0 are left");
        assertThat(err).isEqualTo("minitls: --hex argument 2: at byte 100 (0x0064): the stream ends inside the"
                + " record: its length says 674 bytes, only 0 are left\n");
    }

    @Test
    void anOddNumberOfHexDigitsSaysWhere() {
        assertThat(run("decode", "--hex", "16 03 01 0")).isEqualTo(MinitlsCommand.FAILED);
        assertThat(err).isEqualTo("minitls: --hex argument 1: an odd number of hex digits: the digit at character 9"
                + " (byte 3) has no second half\n");
    }

    @Test
    void aCharacterThatIsNotHexSaysWhere() {
        assertThat(run("decode", "--hex", "1603zz")).isEqualTo(MinitlsCommand.FAILED);
        assertThat(err).isEqualTo("minitls: --hex argument 1: at character 4: \"z\" is not a hex digit\n");
    }

    @Test
    void aTruncatedRecordShowsWhatCameThenWhereItEnds() {
        byte[] hello = rfc.hex("client_hello.record");

        int status = run("decode", "--hex", HEX.formatHex(Arrays.copyOf(hello, 100)));

        assertThat(status).isEqualTo(MinitlsCommand.FAILED);
        assertThat(out).contains("type: 22 handshake", "length: 196 bytes");
        assertThat(err).isEqualTo("minitls: --hex argument 1: at byte 5 (0x0005): the stream ends inside the"
                + " record: its length says 196 bytes, only 95 are left\n");
    }

    @Test
    void aBadLengthInsideAMessageSaysWhere() {
        byte[] hello = rfc.hex("client_hello.record");
        int suitesAt = 5 + 4 + 2 + 32 + 1; // record and message headers, legacy_version, random, empty session id
        hello[suitesAt + 1] = 7; // cipher_suites: 7 bytes, not a whole number of suites

        assertThat(run("decode", "--hex", HEX.formatHex(hello))).isEqualTo(MinitlsCommand.FAILED);
        assertThat(err).isEqualTo("minitls: --hex argument 1: at byte " + suitesAt + " (0x002c): cipher_suites is 7"
                + " bytes long, not a multiple of 2\n");
        assertThat(out).contains("random: 32 random bytes").doesNotContain("cipher_suite:");
    }

    @Test
    void anUnknownRecordTypeSaysWhere() {
        assertThat(run("decode", "--hex", "6303030001ff")).isEqualTo(MinitlsCommand.FAILED);
        assertThat(err).isEqualTo("minitls: --hex argument 1: at byte 0 (0x0000): content type 99; a TLS 1.3 record"
                + " is change_cipher_spec (20), alert (21), handshake (22) or application_data (23)\n");
    }

    @Test
    void aMalformedKeyLogLineIsRefusedWithItsNumber() throws IOException {
        Path keys = dir.resolve("keys.log");
        Files.write(keys, List.of("# comment", "", "CLIENT_TRAFFIC_SECRET_0 abcd"));

        assertThat(run("decode", "--keylog", keys.toString(), "--hex", HEX.formatHex(rfc.clientStream())))
                .isEqualTo(MinitlsCommand.FAILED);
        assertThat(err).isEqualTo("minitls: " + keys + " line 3: not a key log line: it has 2 fields, not 3 (LABEL"
                + " client_random secret)\n");
    }

    @Test
    void aKeyLogWithoutTheConnectionsRandomIsRefused() throws IOException {
        Path keys = dir.resolve("keys.log");
        Files.write(keys, List.of("CLIENT_TRAFFIC_SECRET_0 " + "00".repeat(32) + " " + "11".repeat(32)));

        assertThat(run("decode", "--keylog", keys.toString(), "--hex", HEX.formatHex(rfc.clientStream()),
                "--hex", HEX.formatHex(rfc.serverStream()))).isEqualTo(MinitlsCommand.FAILED);
        assertThat(err).isEqualTo("minitls: --keylog: " + keys + " has no line for this connection's client random "
                + HEX.formatHex(rfc.clientRandom()) + "\n");
    }

    @Test
    void theKeyLogNeedsTheServerHelloForTheSuite() throws IOException {
        Path keys = dir.resolve("keys.log");
        Files.write(keys, rfc.keyLogLines());

        assertThat(run("decode", "--keylog", keys.toString(), "--hex", HEX.formatHex(rfc.clientStream())))
                .isEqualTo(MinitlsCommand.FAILED);
        assertThat(err).isEqualTo("minitls: --keylog: no ServerHello in the input, so no cipher suite to derive the"
                + " record keys with; give the server's stream too\n");
    }

    @Test
    void theWrongSecretFailsClearlyAtTheRecordItCannotOpen() throws IOException {
        Path keys = dir.resolve("keys.log");
        Files.write(keys, rfc.keyLogLines().stream().map(line -> line.startsWith("SERVER_HANDSHAKE")
                ? line.substring(0, line.length() - 2) + (line.endsWith("00") ? "01" : "00") : line).toList());

        int status = run("decode", "--keylog", keys.toString(), "--hex", HEX.formatHex(rfc.clientStream()),
                "--hex", HEX.formatHex(rfc.serverStream()));

        assertThat(status).isEqualTo(MinitlsCommand.FAILED);
        assertThat(err).isEqualTo("minitls: --hex argument 2: at byte 95 (0x005f): the record failed authentication"
                + " under server_handshake_traffic_secret (sequence number 0): the key log's secret is not this"
                + " connection's, or the record was changed\n");
        assertThat(out).contains("decryption: record 0 under client_handshake_traffic_secret");
    }

    @Test
    void aMissingFileIsOneLine() {
        assertThat(run("decode", dir.resolve("nothing.hex").toString())).isEqualTo(MinitlsCommand.FAILED);
        assertThat(err).isEqualTo("minitls: cannot read " + dir.resolve("nothing.hex") + ": no such file\n");
    }

    private int run(String... args) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        var commandLine = MinitlsCommand.commandLine();
        commandLine.setOut(new PrintWriter(stdout, true));
        commandLine.setErr(new PrintWriter(stderr, true));
        int status = commandLine.execute(args);
        out = stdout.toString();
        err = stderr.toString();
        return status;
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> lines() {
        return out.lines().toList();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
