package dev.minitls.transport.json;

import static dev.minitls.transport.json.CodecAssertions.assertEncodesTo;
import static dev.minitls.transport.json.CodecAssertions.assertMalformed;
import static dev.minitls.transport.json.CodecAssertions.assertNotValidJson;
import static dev.minitls.transport.json.CodecAssertions.assertRoundTrip;
import static dev.minitls.transport.json.CodecAssertions.bytes;
import static dev.minitls.transport.json.CodecAssertions.line;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonLinesV1CodecTest {

    private static final String R32 = "00".repeat(32);
    private static final String K32 = "ab".repeat(32);
    private static final String CLIENT_HELLO = "{\"ClientRandom\": \"" + R32 + "\", \"Version\": 1, \"EphPubKey\": \""
            + K32 + "\", \"Suite\": \"X25519\", \"ServerName\": \"example-server\"}";

    private final JsonLinesV1Codec codec = new JsonLinesV1Codec();

    // --- encoding ------------------------------------------------------------------------------------------------

    @Test
    void clientHelloUsesPythonSeparatorsAndTheDocumentedOrder() {
        ClientHello hello = new ClientHello(new byte[32], 1, bytes(0xab, 32), "X25519", "example-server");

        assertEncodesTo(codec.encode(hello), CLIENT_HELLO + "\n");
    }

    @Test
    void serverHelloUsesPythonSeparatorsAndTheDocumentedOrder() {
        ServerHello hello = new ServerHello(bytes(0x01, 32), 1, bytes(0xfe, 32), "X25519");

        assertEncodesTo(codec.encode(hello), "{\"ServerRandom\": \"" + "01".repeat(32) + "\", \"Version\": 1, "
                + "\"EphPubKey\": \"" + "fe".repeat(32) + "\", \"Suite\": \"X25519\"}\n");
    }

    @Test
    void bareHexMessagesAreJsonStringsOfLowercaseHex() {
        byte[] value = {0x00, 0x7f, (byte) 0x80, (byte) 0xff, 0x0a};

        assertEncodesTo(codec.encode(new CertificateMessage(value)), "\"007f80ff0a\"\n");
        assertEncodesTo(codec.encode(new CertificateVerify(value)), "\"007f80ff0a\"\n");
        assertEncodesTo(codec.encode(new Finished(value)), "\"007f80ff0a\"\n");
        assertEncodesTo(codec.encode(new Finished(new byte[0])), "\"\"\n");
    }

    @Test
    void applicationRecordWritesSeqAsPythonWritesInts() {
        assertEncodesTo(codec.encode(new ApplicationRecord(0, new byte[] {1, 2})),
                "{\"Seq\": 0, \"Ciphertext\": \"0102\"}\n");
        assertEncodesTo(codec.encode(new ApplicationRecord(Long.MAX_VALUE, new byte[0])),
                "{\"Seq\": 9223372036854775807, \"Ciphertext\": \"\"}\n");
    }

    @Test
    void negativeSeqIsRefusedOnEncode() {
        ApplicationRecord record = new ApplicationRecord(-1, new byte[0]);

        assertThatThrownBy(() -> codec.encode(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Seq must not be negative, got -1");
    }

    @Test
    void alertsAreRefusedOnEncodeBecauseV1HasNone() {
        AlertMessage alert = new AlertMessage(Alert.CLOSE_NOTIFY);

        assertThatThrownBy(() -> codec.encode(alert))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocol v1 has no alerts");
    }

    /** Expected values are Python's {@code json.dumps({"ServerName": s})} output. */
    static Stream<Arguments> pythonEscapes() {
        return Stream.of(
                arguments("é", "\"\\u00e9\""),
                arguments("\u0080", "\"\\u0080\""),
                arguments("日本", "\"\\u65e5\\u672c\""),
                arguments("😀", "\"\\ud83d\\ude00\""),
                arguments("\u2028\uffff", "\"\\u2028\\uffff\""),
                arguments("\ud800", "\"\\ud800\""),
                arguments("a\"b\\c/d", "\"a\\\"b\\\\c/d\""),
                arguments("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\""),
                arguments("\u0000\u0001\u001f\u007f", "\"\\u0000\\u0001\\u001f\\u007f\""),
                arguments(" ~<>&'", "\" ~<>&'\""));
    }

    @ParameterizedTest
    @MethodSource("pythonEscapes")
    void stringsAreEscapedAsPythonEnsureAsciiDoes(String serverName, String expectedJson) {
        ClientHello hello = new ClientHello(new byte[32], 1, bytes(0xab, 32), "X25519", serverName);
        String expectedLine = CLIENT_HELLO.replace("\"example-server\"", expectedJson) + "\n";

        byte[] encoded = codec.encode(hello);

        assertEncodesTo(encoded, expectedLine);
        ClientHello decoded = (ClientHello) codec.decode(encoded, MessageType.CLIENT_HELLO);
        assertThat(decoded.serverName()).isEqualTo(serverName);
    }

    // --- round trips ---------------------------------------------------------------------------------------------

    static Stream<Message> messages() {
        return Stream.of(
                new ClientHello(bytes(1, 32), 1, bytes(2, 32), "X25519", "example-server"),
                new ServerHello(bytes(3, 32), 1, bytes(4, 32), "X25519"),
                new CertificateMessage("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n"
                        .getBytes(UTF_8)),
                new CertificateVerify(bytes(5, 64)),
                new Finished(bytes(6, 32)),
                new ApplicationRecord(42, bytes(7, 34)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageSurvivesEncodeThenDecode(Message message) {
        assertRoundTrip(codec, message);
    }

    // --- decoding what is well-formed but not for this layer to judge --------------------------------------------

    @Test
    void semanticValuesAreLeftToTheDomain() {
        String line = "{\"ClientRandom\": \"aa\", \"Version\": 2, \"EphPubKey\": \"bbcc\", \"Suite\": \"P-256\", "
                + "\"ServerName\": \"\"}\n";

        ClientHello hello = (ClientHello) codec.decode(line.getBytes(UTF_8), MessageType.CLIENT_HELLO);

        assertThat(hello.random()).containsExactly(0xaa);
        assertThat(hello.version()).isEqualTo(2);
        assertThat(hello.ephemeralPublicKey()).containsExactly(0xbb, 0xcc);
        assertThat(hello.suite()).isEqualTo("P-256");
        assertThat(hello.serverName()).isEmpty();
    }

    @Test
    void anyValidJsonLayoutAndMemberOrderIsAccepted() {
        String line = " {\"Ciphertext\":\"00ff\" ,\t\"Seq\":7}\r\n";

        ApplicationRecord record = (ApplicationRecord) codec.decode(line.getBytes(UTF_8),
                MessageType.APPLICATION_RECORD);

        assertThat(record.sequence()).isEqualTo(7);
        assertThat(record.ciphertext()).containsExactly(0x00, 0xff);
    }

    @Test
    void rawUtf8AndEscapedCharactersDecodeAlike() {
        String raw = CLIENT_HELLO.replace("example-server", "é😀") + "\n";
        String escaped = CLIENT_HELLO.replace("example-server", "\\u00e9\\ud83d\\ude00") + "\n";

        ClientHello fromRaw = (ClientHello) codec.decode(raw.getBytes(UTF_8), MessageType.CLIENT_HELLO);
        ClientHello fromEscaped = (ClientHello) codec.decode(escaped.getBytes(UTF_8), MessageType.CLIENT_HELLO);

        assertThat(fromRaw.serverName()).isEqualTo("é😀").isEqualTo(fromEscaped.serverName());
    }

    @Test
    void largestSeqAndNegativeVersionDecode() {
        ApplicationRecord record = (ApplicationRecord) codec.decode(
                "{\"Seq\": 9223372036854775807, \"Ciphertext\": \"\"}\n".getBytes(UTF_8),
                MessageType.APPLICATION_RECORD);
        ClientHello hello = (ClientHello) codec.decode(line(CLIENT_HELLO.replace("\"Version\": 1",
                "\"Version\": -2147483648")), MessageType.CLIENT_HELLO);

        assertThat(record.sequence()).isEqualTo(Long.MAX_VALUE);
        assertThat(hello.version()).isEqualTo(Integer.MIN_VALUE);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void noFrameIsAnAlert(Message message) {
        byte[] frame = codec.encode(message);

        assertMalformed(() -> codec.decode(frame, MessageType.ALERT), "Alert: protocol v1 has no alerts");
    }

    // --- malformed frames ----------------------------------------------------------------------------------------

    /** {@code text} in UTF-16BE, then a newline byte: every byte ASCII when the text is, half of them NUL. */
    private static byte[] utf16Line(String text) {
        byte[] utf16 = text.getBytes(UTF_16BE);
        byte[] line = Arrays.copyOf(utf16, utf16.length + 1);
        line[utf16.length] = '\n';
        return line;
    }

    static Stream<Arguments> malformedFrames() {
        MessageType ch = MessageType.CLIENT_HELLO;
        MessageType fin = MessageType.FINISHED;
        MessageType app = MessageType.APPLICATION_RECORD;
        String record = "{\"Seq\": 0, \"Ciphertext\": \"00\"}";
        return Stream.of(
                // framing and encoding
                arguments(fin, new byte[0], "Finished: frame does not end with a newline"),
                arguments(fin, bytes("\"00\""), "Finished: frame does not end with a newline"),
                arguments(fin, bytes("\n"), "Finished: empty line"),
                arguments(fin, bytes("\"00\"\n\"11\"\n"), "Finished: more than one line in the frame"),
                arguments(fin, bytes("\"00\"\n\n"), "Finished: more than one line in the frame"),
                arguments(fin, new byte[] {'"', (byte) 0xff, '"', '\n'}, "Finished: not valid UTF-8"),
                arguments(fin, new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"', '\n'}, "Finished: not valid UTF-8"),
                arguments(fin, new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '\n'},
                        "Finished: not valid UTF-8"),
                arguments(fin, new byte[] {'"', (byte) 0xe2, (byte) 0x82, '"', '\n'}, "Finished: not valid UTF-8"),
                // a NUL, which Jackson would take for a sign of UTF-16 or UTF-32 among the first four bytes
                arguments(ch, bytes("\u0000{\u0000\u0000\n"), "ClientHello: a NUL byte in the line"),
                arguments(ch, utf16Line(CLIENT_HELLO), "ClientHello: a NUL byte in the line"),
                arguments(fin, bytes("\"00\u0000\"\n"), "Finished: a NUL byte in the line"),
                arguments(fin, bytes("\"\u00e9\u0000\"\n"), "Finished: a NUL byte in the line"),
                // shape of the value
                arguments(fin, bytes(" \n"), "Finished: expected a JSON string, got nothing"),
                arguments(ch, bytes("\t\n"), "ClientHello: expected a JSON object, got nothing"),
                arguments(fin, bytes("{}\n"), "Finished: expected a JSON string, got an object"),
                arguments(fin, bytes("[\"00\"]\n"), "Finished: expected a JSON string, got an array"),
                arguments(fin, bytes("null\n"), "Finished: expected a JSON string, got null"),
                arguments(ch, bytes("\"" + R32 + "\"\n"), "ClientHello: expected a JSON object, got a string"),
                arguments(app, bytes("12\n"), "ApplicationData: expected a JSON object, got an integer"),
                arguments(fin, bytes("\"00\" \"11\"\n"), "Finished: more than one JSON value on the line"),
                arguments(app, bytes(record + " " + record + "\n"),
                        "ApplicationData: more than one JSON value on the line"),
                // members
                arguments(ch, line(CLIENT_HELLO.replace(", \"Suite\": \"X25519\"", "")),
                        "ClientHello: missing member \"Suite\""),
                arguments(app, bytes("{}\n"), "ApplicationData: missing member \"Seq\""),
                arguments(ch, line(CLIENT_HELLO.replace("}", ", \"Extra\": 1}")),
                        "ClientHello: unexpected member \"Extra\""),
                arguments(ch, line(CLIENT_HELLO.replace("}", ", \"Suite\": \"X25519\"}")),
                        "ClientHello: duplicate member \"Suite\""),
                arguments(ch, line(CLIENT_HELLO.replace("\"Suite\"", "\"suite\"")),
                        "ClientHello: unexpected member \"suite\""),
                arguments(app, bytes("{\"\\u0001\\u00e9\\n\\u001b[2J\\u202e\": 1}\n"),
                        "ApplicationData: unexpected member \"\\u0001\u00e9\\u000a\\u001b[2J\\u202e\""),
                arguments(app, bytes("{\"" + "x".repeat(200) + "\": 1}\n"),
                        "ApplicationData: unexpected member \"" + "x".repeat(128) + "\"... (200 characters)"),
                // JSON types
                arguments(ch, line(CLIENT_HELLO.replace("\"Version\": 1", "\"Version\": 1.0")),
                        "ClientHello: \"Version\" must be an integer, got a number with a fraction or exponent"),
                arguments(ch, line(CLIENT_HELLO.replace("\"Version\": 1", "\"Version\": 1e0")),
                        "ClientHello: \"Version\" must be an integer, got a number with a fraction or exponent"),
                arguments(ch, line(CLIENT_HELLO.replace("\"Version\": 1", "\"Version\": \"1\"")),
                        "ClientHello: \"Version\" must be an integer, got a string"),
                arguments(ch, line(CLIENT_HELLO.replace("\"Version\": 1", "\"Version\": true")),
                        "ClientHello: \"Version\" must be an integer, got a boolean"),
                arguments(ch, line(CLIENT_HELLO.replace("\"Version\": 1", "\"Version\": 2147483648")),
                        "ClientHello: \"Version\" does not fit in 32 bits: 2147483648"),
                arguments(ch, line(CLIENT_HELLO.replace("\"X25519\"", "null")),
                        "ClientHello: \"Suite\" must be a string, got null"),
                arguments(ch, line(CLIENT_HELLO.replace("\"example-server\"", "[\"example-server\"]")),
                        "ClientHello: \"ServerName\" must be a string, got an array"),
                arguments(app, bytes("{\"Seq\": -1, \"Ciphertext\": \"00\"}\n"),
                        "ApplicationData: \"Seq\" must not be negative, got -1"),
                arguments(app, bytes("{\"Seq\": -0, \"Ciphertext\": \"00\"}\n"),
                        "ApplicationData: \"Seq\" must be written 0, not -0"),
                arguments(app, bytes("{\"Seq\": 9223372036854775808, \"Ciphertext\": \"00\"}\n"),
                        "ApplicationData: \"Seq\" does not fit in 64 bits: 9223372036854775808"),
                arguments(app, bytes("{\"Seq\": \"0\", \"Ciphertext\": \"00\"}\n"),
                        "ApplicationData: \"Seq\" must be an integer, got a string"),
                arguments(app, bytes("{\"Seq\": 0, \"Ciphertext\": {\"a\": [1, {}]}}\n"),
                        "ApplicationData: \"Ciphertext\" must be a string, got an object"),
                // hex
                arguments(ch, line(CLIENT_HELLO.replace(K32, K32.toUpperCase())),
                        "ClientHello: \"EphPubKey\" is not lowercase hex: 'A' at index 0"),
                arguments(ch, line(CLIENT_HELLO.replace(R32, "0")),
                        "ClientHello: \"ClientRandom\" has an odd number of hex digits (1)"),
                arguments(fin, bytes("\"0g\"\n"), "Finished: the value is not lowercase hex: 'g' at index 1"),
                arguments(fin, bytes("\"00 11\"\n"), "Finished: the value is not lowercase hex: ' ' at index 2"),
                arguments(fin, bytes("\"0x00\"\n"), "Finished: the value is not lowercase hex: 'x' at index 1"),
                arguments(fin, bytes("\"\\u00e9\"\n"), "Finished: the value is not lowercase hex: U+00E9 at index 0"),
                arguments(MessageType.CERTIFICATE, bytes("\"abc\"\n"),
                        "Certificate: the value has an odd number of hex digits (3)"),
                arguments(MessageType.CERTIFICATE_VERIFY, bytes("\"AB\"\n"),
                        "CertificateVerify: the value is not lowercase hex: 'A' at index 0"));
    }

    @ParameterizedTest
    @MethodSource("malformedFrames")
    void malformedFramesAreRefusedWithAClearReason(MessageType expected, byte[] frame, String detail) {
        assertMalformed(() -> codec.decode(frame, expected), detail);
    }

    static Stream<Arguments> invalidJson() {
        return Stream.of(
                arguments(MessageType.FINISHED, "hello"),
                arguments(MessageType.FINISHED, "\"00\" trailing"),
                arguments(MessageType.FINISHED, "\"00\"}"),
                arguments(MessageType.FINISHED, "'00'"),
                arguments(MessageType.FINISHED, "\"00"),
                arguments(MessageType.FINISHED, "\"0\t0\""),
                arguments(MessageType.FINISHED, "\"\\x00\""),
                arguments(MessageType.FINISHED, "\ufeff\"00\""),
                arguments(MessageType.FINISHED, "\u2028\"00\""),
                arguments(MessageType.FINISHED, "\u0085\"00\""),
                arguments(MessageType.FINISHED, "\u0001"),
                arguments(MessageType.CLIENT_HELLO, "{\"Version\": 1,}"),
                arguments(MessageType.CLIENT_HELLO, "{\"Version\": 01}"),
                arguments(MessageType.CLIENT_HELLO, "{\"Version\": +1}"),
                arguments(MessageType.CLIENT_HELLO, "{\"Version\": NaN}"),
                arguments(MessageType.CLIENT_HELLO, "{Version: 1}"),
                arguments(MessageType.CLIENT_HELLO, "{\"Version\": 1 /* one */}"),
                arguments(MessageType.CLIENT_HELLO, "{\"Version\" 1}"),
                arguments(MessageType.APPLICATION_RECORD, "{\"Seq\": 0, \"Ciphertext\": \"00\""),
                arguments(MessageType.APPLICATION_RECORD, "{\"Seq\": " + "9".repeat(2000) + "}"));
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    void invalidJsonIsRefusedOnOneLine(MessageType expected, String text) {
        assertNotValidJson(() -> codec.decode(line(text), expected), expected.wireName());
    }
}
