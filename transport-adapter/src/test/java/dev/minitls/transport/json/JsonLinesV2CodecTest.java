package dev.minitls.transport.json;

import static dev.minitls.transport.json.CodecAssertions.assertEncodesTo;
import static dev.minitls.transport.json.CodecAssertions.assertMalformed;
import static dev.minitls.transport.json.CodecAssertions.assertNotValidJson;
import static dev.minitls.transport.json.CodecAssertions.assertRoundTrip;
import static dev.minitls.transport.json.CodecAssertions.bytes;
import static dev.minitls.transport.json.CodecAssertions.line;
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
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Protocol v2's lines as docs/PROTOCOL.md shows them, filled in with concrete values. */
class JsonLinesV2CodecTest {

    private static final String RANDOM_C = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String RANDOM_S = "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";
    private static final String KEY_SHARE = "4b9ef1a8f86fe2455e4b5cf439557284953cd3400431f173c397903798136c7b";
    private static final String SUITE = "X25519_AES256GCM_SHA256";
    private static final String CLIENT_HELLO = "{\"type\": \"ClientHello\", \"version\": 2, \"random\": \"" + RANDOM_C
            + "\", \"key_share\": \"" + KEY_SHARE + "\", \"suite\": \"" + SUITE
            + "\", \"server_name\": \"example-server\"}";
    private static final String SERVER_HELLO = "{\"type\": \"ServerHello\", \"version\": 2, \"random\": \""
            + RANDOM_S + "\", \"key_share\": \"" + KEY_SHARE + "\", \"suite\": \"" + SUITE + "\"}";
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private static final String PEM_HEX = "2d2d2d2d2d424547494e2043455254494649434154452d2d2d2d2d0a4d4949420a2d2d2d2d2d"
            + "454e442043455254494649434154452d2d2d2d2d0a";
    private static final String RECORD = "{\"type\": \"Record\", \"seq\": 0, \"ciphertext\": \"SGVsbG8sIHdvcmxkIQ==\"}";
    private static final String FINISHED = "{\"type\": \"Finished\", \"verify_data\": \"00ff\"}";
    private static final String ALERT = "{\"type\": \"Alert\", \"alert\": \"protocol_version\"}";

    private final JsonLinesV2Codec codec = new JsonLinesV2Codec();

    // --- encoding ------------------------------------------------------------------------------------------------

    @Test
    void clientHelloIsTheDocumentedLine() {
        ClientHello hello = new ClientHello(hex(RANDOM_C), 2, hex(KEY_SHARE), SUITE, "example-server");

        assertEncodesTo(codec.encode(hello), CLIENT_HELLO + "\n");
    }

    @Test
    void serverHelloIsTheDocumentedLine() {
        ServerHello hello = new ServerHello(hex(RANDOM_S), 2, hex(KEY_SHARE), SUITE);

        assertEncodesTo(codec.encode(hello), SERVER_HELLO + "\n");
    }

    @Test
    void aCertificateOf8170BytesOfPemIsTheLargestWhoseLineFitsTheSixteenKiBOfOneRecord() {
        // the largest PEM a v2 server can send, as docs/PROTOCOL.md says
        assertThat(codec.encode(new CertificateMessage(new byte[8170]))).hasSize(16 * 1024 - 1);
        assertThat(codec.encode(new CertificateMessage(new byte[8171]))).hasSize(16 * 1024 + 1);
    }

    @Test
    void certificateIsTheHexOfThePemText() {
        assertEncodesTo(codec.encode(new CertificateMessage(PEM.getBytes(UTF_8))),
                "{\"type\": \"Certificate\", \"certificate\": \"" + PEM_HEX + "\"}\n");
    }

    @Test
    void certificateVerifyAndFinishedAreLowercaseHex() {
        assertEncodesTo(codec.encode(new CertificateVerify(bytes(0xa5, 64))),
                "{\"type\": \"CertificateVerify\", \"signature\": \"" + "a5".repeat(64) + "\"}\n");
        assertEncodesTo(codec.encode(new Finished(new byte[] {0x00, (byte) 0xff})), FINISHED + "\n");
    }

    @Test
    void recordCiphertextIsPaddedStandardBase64() {
        assertEncodesTo(codec.encode(new ApplicationRecord(0, "Hello, world!".getBytes(UTF_8))), RECORD + "\n");
        assertEncodesTo(codec.encode(new ApplicationRecord(1, new byte[] {(byte) 0xfb, (byte) 0xff})),
                "{\"type\": \"Record\", \"seq\": 1, \"ciphertext\": \"+/8=\"}\n");
        assertEncodesTo(codec.encode(new ApplicationRecord(Long.MAX_VALUE, new byte[0])),
                "{\"type\": \"Record\", \"seq\": 9223372036854775807, \"ciphertext\": \"\"}\n");
    }

    @Test
    void alertIsItsRfcName() {
        assertEncodesTo(codec.encode(new AlertMessage(Alert.PROTOCOL_VERSION)), ALERT + "\n");
        assertEncodesTo(codec.encode(new AlertMessage(Alert.BAD_RECORD_MAC)),
                "{\"type\": \"Alert\", \"alert\": \"bad_record_mac\"}\n");
    }

    @Test
    void helloWritesTheRecordsOwnVersionAndSuiteAndEscapesAsPythonDoes() {
        ClientHello hello = new ClientHello(new byte[0], -7, new byte[] {1}, "X25519", "é😀\"");

        assertEncodesTo(codec.encode(hello), "{\"type\": \"ClientHello\", \"version\": -7, \"random\": \"\", "
                + "\"key_share\": \"01\", \"suite\": \"X25519\", \"server_name\": \"\\u00e9\\ud83d\\ude00\\\"\"}\n");
    }

    @Test
    void negativeSeqIsRefusedOnEncode() {
        ApplicationRecord record = new ApplicationRecord(-1, new byte[0]);

        assertThatThrownBy(() -> codec.encode(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seq must not be negative, got -1");
    }

    // --- round trips ---------------------------------------------------------------------------------------------

    static Stream<Message> messages() {
        return Stream.of(
                new ClientHello(bytes(1, 32), 2, bytes(2, 32), SUITE, "example-server"),
                new ServerHello(bytes(3, 32), 2, bytes(4, 32), SUITE),
                new CertificateMessage(PEM.getBytes(UTF_8)),
                new CertificateVerify(bytes(5, 64)),
                new Finished(bytes(6, 32)),
                new ApplicationRecord(42, bytes(7, 35)),
                new AlertMessage(Alert.CLOSE_NOTIFY));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageSurvivesEncodeThenDecode(Message message) {
        assertRoundTrip(codec, message);
    }

    static Set<Alert> v2Alerts() {
        return V2FrameReader.ALERTS;
    }

    @ParameterizedTest
    @MethodSource("v2Alerts")
    void everyV2AlertTravelsByItsRfcName(Alert alert) {
        String line = "{\"type\": \"Alert\", \"alert\": \"" + alert.rfcName() + "\"}\n";

        assertEncodesTo(codec.encode(new AlertMessage(alert)), line);
        assertThat(codec.decode(line.getBytes(UTF_8), MessageType.ALERT)).isEqualTo(new AlertMessage(alert));
    }

    // --- decoding ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theFrameSaysWhatItHoldsWhateverIsExpected(MessageType expected) {
        assertThat(codec.decode(line(CLIENT_HELLO), expected)).isInstanceOf(ClientHello.class);
        assertThat(codec.decode(line(ALERT), expected)).isEqualTo(new AlertMessage(Alert.PROTOCOL_VERSION));
    }

    @Test
    void theDocumentedLinesDecodeToTheirValues() {
        ClientHello client = (ClientHello) codec.decode(line(CLIENT_HELLO), MessageType.CLIENT_HELLO);
        ServerHello server = (ServerHello) codec.decode(line(SERVER_HELLO), MessageType.SERVER_HELLO);
        ApplicationRecord record = (ApplicationRecord) codec.decode(line(RECORD), MessageType.APPLICATION_RECORD);

        assertThat(client).usingRecursiveComparison()
                .isEqualTo(new ClientHello(hex(RANDOM_C), 2, hex(KEY_SHARE), SUITE, "example-server"));
        assertThat(server).usingRecursiveComparison()
                .isEqualTo(new ServerHello(hex(RANDOM_S), 2, hex(KEY_SHARE), SUITE));
        assertThat(record.sequence()).isZero();
        assertThat(new String(record.ciphertext(), UTF_8)).isEqualTo("Hello, world!");
    }

    @Test
    void semanticValuesAreLeftToTheDomain() {
        Message hello = codec.decode(line("{\"type\": \"ServerHello\", \"version\": 1, \"random\": \"aa\", "
                + "\"key_share\": \"\", \"suite\": \"X25519\"}"), MessageType.SERVER_HELLO);

        assertThat(hello).usingRecursiveComparison()
                .isEqualTo(new ServerHello(new byte[] {(byte) 0xaa}, 1, new byte[0], "X25519"));
    }

    @Test
    void anyValidJsonLayoutAndMemberOrderIsAccepted() {
        Message record = codec.decode(line(" {\"ciphertext\":\"AAE=\" ,\t\"seq\":7,\"type\":\"Record\"}\r"),
                MessageType.APPLICATION_RECORD);

        assertThat(record).usingRecursiveComparison().isEqualTo(new ApplicationRecord(7, new byte[] {0, 1}));
    }

    /** docs/PROTOCOL.md: a reader takes any JSON string escape for the character it stands for, names included. */
    @Test
    void stringEscapesReadAsTheCharactersTheyStandFor() {
        Message finished = codec.decode(line("{\"typ\\u0065\": \"Finished\", \"verify_data\": \"\\u0030\\u0030ff\"}"),
                MessageType.FINISHED);

        assertThat(finished).usingRecursiveComparison().isEqualTo(new Finished(new byte[] {0, (byte) 0xff}));
    }

    static Stream<Arguments> canonicalBase64() {
        return Stream.of(
                arguments("", ""),
                arguments("AA==", "00"),
                arguments("AAA=", "0000"),
                arguments("AAAA", "000000"),
                arguments("+/8=", "fbff"),
                arguments("/+8=", "ffef"),
                arguments("SGVsbG8sIHdvcmxkIQ==", "48656c6c6f2c20776f726c6421"));
    }

    @ParameterizedTest
    @MethodSource("canonicalBase64")
    void canonicalBase64Decodes(String base64, String expectedHex) {
        ApplicationRecord record = (ApplicationRecord) codec.decode(record(base64), MessageType.APPLICATION_RECORD);

        assertThat(record.ciphertext()).isEqualTo(hex(expectedHex));
    }

    // --- malformed frames ----------------------------------------------------------------------------------------

    static Stream<Arguments> malformedFrames() {
        return Stream.of(
                // framing and encoding
                arguments(new byte[0], "v2 frame: frame does not end with a newline"),
                arguments(bytes(ALERT), "v2 frame: frame does not end with a newline"),
                arguments(bytes("\n"), "v2 frame: empty line"),
                arguments(bytes(ALERT + "\n" + ALERT + "\n"), "v2 frame: more than one line in the frame"),
                arguments(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}', '\n'}, "v2 frame: not valid UTF-8"),
                arguments(bytes("\u0000{\u0000\u0000\n"), "v2 frame: a NUL byte in the line"),
                arguments(bytes("{\"type\": \"\u00e9\u0000\"}\n"), "v2 frame: a NUL byte in the line"),
                arguments(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '\n'},
                        "v2 frame: not valid UTF-8"),
                arguments(line(ALERT + " " + ALERT), "Alert: more than one JSON value on the line"),
                arguments(line(RECORD + " 0"), "Record: more than one JSON value on the line"),
                // shape of the value
                arguments(bytes(" \n"), "v2 frame: expected a JSON object, got nothing"),
                arguments(line("\"00ff\""), "v2 frame: expected a JSON object, got a string"),
                arguments(line("[" + ALERT + "]"), "v2 frame: expected a JSON object, got an array"),
                arguments(line("null"), "v2 frame: expected a JSON object, got null"),
                // the type
                arguments(line("{}"), "v2 frame: missing member \"type\""),
                arguments(line("{\"alert\": \"close_notify\"}"), "v2 frame: missing member \"type\""),
                arguments(line("{\"type\": 3, \"alert\": \"close_notify\"}"),
                        "v2 frame: \"type\" must be a string, got an integer"),
                arguments(line("{\"type\": [\"Alert\"], \"alert\": \"close_notify\"}"),
                        "v2 frame: \"type\" must be a string, got an array"),
                arguments(line(ALERT.replace("\"Alert\"", "\"Warning\"")), "v2 frame: unknown type \"Warning\""),
                arguments(line(ALERT.replace("\"Alert\"", "\"alert\"")), "v2 frame: unknown type \"alert\""),
                arguments(line(ALERT.replace("\"Alert\"", "\"\"")), "v2 frame: unknown type \"\""),
                arguments(line(RECORD.replace("\"Record\"", "\"ApplicationData\"")),
                        "v2 frame: unknown type \"ApplicationData\""),
                arguments(line(ALERT.replace("\"Alert\"", "\"\\n" + "x".repeat(200) + "\"")),
                        "v2 frame: unknown type \"\\u000a" + "x".repeat(127) + "\"... (201 characters)"),
                // a type that would clear the terminal and forge a log line: escaped, on one line
                arguments(line(ALERT.replace("\"Alert\"", "\"\\u001b[2J\\r\\n[127.0.0.1:1] forged\"")),
                        "v2 frame: unknown type \"\\u001b[2J\\u000d\\u000a[127.0.0.1:1] forged\""),
                // members
                arguments(line(CLIENT_HELLO.replace(", \"suite\": \"" + SUITE + "\"", "")),
                        "ClientHello: missing member \"suite\""),
                arguments(line("{\"type\": \"Record\", \"ciphertext\": \"\"}"), "Record: missing member \"seq\""),
                arguments(line("{\"type\": \"Alert\"}"), "Alert: missing member \"alert\""),
                arguments(line(CLIENT_HELLO.replace("}", ", \"extra\": 1}")),
                        "ClientHello: unexpected member \"extra\""),
                arguments(line(FINISHED.replace("}", ", \"server_name\": \"x\"}")),
                        "Finished: unexpected member \"server_name\""),
                arguments(line(SERVER_HELLO.replace("\"version\"", "\"Version\"")),
                        "ServerHello: unexpected member \"Version\""),
                arguments(line(ALERT.replace("}", ", \"type\": \"Alert\"}")), "v2 frame: duplicate member \"type\""),
                arguments(line(CLIENT_HELLO.replace("}", ", \"suite\": \"" + SUITE + "\"}")),
                        "v2 frame: duplicate member \"suite\""),
                // JSON types
                arguments(line(CLIENT_HELLO.replace("\"version\": 2", "\"version\": \"2\"")),
                        "ClientHello: \"version\" must be an integer, got a string"),
                arguments(line(SERVER_HELLO.replace("\"version\": 2", "\"version\": 2.0")),
                        "ServerHello: \"version\" must be an integer, got a number with a fraction or exponent"),
                arguments(line(CLIENT_HELLO.replace("\"version\": 2", "\"version\": 2147483648")),
                        "ClientHello: \"version\" does not fit in 32 bits: 2147483648"),
                arguments(line(CLIENT_HELLO.replace("\"" + SUITE + "\"", "null")),
                        "ClientHello: \"suite\" must be a string, got null"),
                arguments(line(CLIENT_HELLO.replace("\"example-server\"", "[\"example-server\"]")),
                        "ClientHello: \"server_name\" must be a string, got an array"),
                arguments(line(RECORD.replace("\"seq\": 0", "\"seq\": -1")),
                        "Record: \"seq\" must not be negative, got -1"),
                arguments(line(RECORD.replace("\"seq\": 0", "\"seq\": -0")),
                        "Record: \"seq\" must be written 0, not -0"),
                arguments(line(RECORD.replace("\"seq\": 0", "\"seq\": 9223372036854775808")),
                        "Record: \"seq\" does not fit in 64 bits: 9223372036854775808"),
                arguments(line(RECORD.replace("\"seq\": 0", "\"seq\": \"0\"")),
                        "Record: \"seq\" must be an integer, got a string"),
                arguments(line(RECORD.replace("\"seq\": 0", "\"seq\": 1e2")),
                        "Record: \"seq\" must be an integer, got a number with a fraction or exponent"),
                arguments(line("{\"type\": \"Record\", \"seq\": 0, \"ciphertext\": {\"a\": [1]}}"),
                        "Record: \"ciphertext\" must be a string, got an object"),
                arguments(line("{\"type\": \"Certificate\", \"certificate\": true}"),
                        "Certificate: \"certificate\" must be a string, got a boolean"),
                arguments(line("{\"type\": \"Alert\", \"alert\": 20}"),
                        "Alert: \"alert\" must be a string, got an integer"),
                // alerts
                arguments(line(ALERT.replace("protocol_version", "PROTOCOL_VERSION")),
                        "Alert: unknown alert \"PROTOCOL_VERSION\""),
                arguments(line(ALERT.replace("protocol_version", "user_canceled")),
                        "Alert: unknown alert \"user_canceled\""),
                arguments(line(ALERT.replace("protocol_version", "user_cancelled")),
                        "Alert: unknown alert \"user_cancelled\""),
                arguments(line(ALERT.replace("protocol_version", "")), "Alert: unknown alert \"\""),
                arguments(line(ALERT.replace("protocol_version", "close_notify\\u001b[2J\\u2028\\u202e")),
                        "Alert: unknown alert \"close_notify\\u001b[2J\\u2028\\u202e\""),
                // hex
                arguments(line(CLIENT_HELLO.replace(RANDOM_C, RANDOM_C.toUpperCase())),
                        "ClientHello: \"random\" is not lowercase hex: 'A' at index 21"),
                arguments(line(SERVER_HELLO.replace(KEY_SHARE, KEY_SHARE.substring(1))),
                        "ServerHello: \"key_share\" has an odd number of hex digits (63)"),
                arguments(line("{\"type\": \"Certificate\", \"certificate\": \"2d2d2\"}"),
                        "Certificate: \"certificate\" has an odd number of hex digits (5)"),
                arguments(line("{\"type\": \"CertificateVerify\", \"signature\": \"0x00\"}"),
                        "CertificateVerify: \"signature\" is not lowercase hex: 'x' at index 1"),
                arguments(line(FINISHED.replace("00ff", "00 ff")),
                        "Finished: \"verify_data\" is not lowercase hex: ' ' at index 2"),
                arguments(line(FINISHED.replace("00ff", "\\u00e9")),
                        "Finished: \"verify_data\" is not lowercase hex: U+00E9 at index 0"),
                arguments(line(FINISHED.replace("00ff", "AAE=")),
                        "Finished: \"verify_data\" is not lowercase hex: 'A' at index 0"));
    }

    @ParameterizedTest
    @MethodSource("malformedFrames")
    void malformedFramesAreRefusedWithAClearReason(byte[] frame, String detail) {
        assertMalformed(() -> codec.decode(frame, MessageType.CLIENT_HELLO), detail);
    }

    static Stream<Arguments> nonCanonicalBase64() {
        String notPadded = "is not padded base64: ";
        String notStandard = "is not standard base64: ";
        String notCanonical = "is not canonical base64: the bits after the last byte are not zero";
        return Stream.of(
                arguments("AA", notPadded + "2 characters, not a multiple of 4"),
                arguments("AAA", notPadded + "3 characters, not a multiple of 4"),
                arguments("AA=", notPadded + "3 characters, not a multiple of 4"),
                arguments("AB==", notCanonical),
                arguments("AAB=", notCanonical),
                arguments("A===", notStandard + "'=' at index 1"),
                arguments("====", notStandard + "'=' at index 0"),
                arguments("AA==AA==", notStandard + "'=' at index 2"),
                arguments("-_8=", notStandard + "'-' at index 0"),
                arguments("AA_=", notStandard + "'_' at index 2"),
                arguments(" AA=", notStandard + "' ' at index 0"),
                arguments("AA\\nA", notStandard + "U+000A at index 2"),
                arguments("AA\\r\\nAA==", notStandard + "U+000D at index 2"),
                arguments("QUJ\\u00e9", notStandard + "U+00E9 at index 3"));
    }

    @ParameterizedTest
    @MethodSource("nonCanonicalBase64")
    void onlyCanonicalPaddedStandardBase64IsACiphertext(String base64, String detail) {
        assertMalformed(() -> codec.decode(record(base64), MessageType.APPLICATION_RECORD),
                "Record: \"ciphertext\" " + detail);
    }

    static Stream<Arguments> invalidJson() {
        String frame = "v2 frame";
        return Stream.of(
                arguments(frame, "hello"),
                arguments(frame, "{\"type\": \"Alert\", \"alert\": \"close_notify\",}"),
                arguments(frame, "{'type': 'Alert'}"),
                arguments(frame, "{\"type\": \"Alert\" \"alert\": \"close_notify\"}"),
                arguments(frame, "{\"type\": \"Record\", \"seq\": 01, \"ciphertext\": \"\"}"),
                arguments(frame, "{\"type\": \"Alert\", \"alert\": \"close_notify\""),
                arguments(frame, "\ufeff" + ALERT),
                arguments(frame, "\u2028" + ALERT),
                arguments(frame, "{\"type\": \"Al\u0001ert\"}"),
                arguments("Alert", ALERT + "}"),
                arguments("Alert", ALERT + " trailing"));
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    void invalidJsonIsRefusedOnOneLine(String context, String text) {
        assertNotValidJson(() -> codec.decode(line(text), MessageType.ALERT), context);
    }

    private static byte[] record(String base64) {
        return line("{\"type\": \"Record\", \"seq\": 0, \"ciphertext\": \"" + base64 + "\"}");
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
