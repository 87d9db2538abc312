package dev.minitls.transport.json;

import static dev.minitls.transport.json.CodecAssertions.assertEncodesTo;
import static dev.minitls.transport.json.CodecAssertions.assertMalformed;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.testing.SharedVectors;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The codec against the handshake recorded from the original Python program (seed-v1-golden.json). */
class GoldenV1LinesTest {

    private final JsonLinesV1Codec codec = new JsonLinesV1Codec();
    private JsonNode golden;

    @BeforeEach
    void readGolden() throws IOException {
        golden = new ObjectMapper().readTree(SharedVectors.require("seed-v1-golden.json").toFile());
    }

    @Test
    void everyRecordedLineDecodesAndEncodesBackByteForByte() {
        JsonNode messages = golden.get("messages");
        assertThat(messages).hasSize(7);
        for (JsonNode recorded : messages) {
            String line = recorded.get("line").asText();
            MessageType type = typeOf(recorded.get("name").asText());

            Message message = codec.decode(line.getBytes(UTF_8), type);

            assertThat(message.type()).isEqualTo(type);
            assertEncodesTo(codec.encode(message), line);
        }
    }

    @Test
    void noRecordedLineIsAV2Frame() {
        JsonLinesV2Codec v2 = new JsonLinesV2Codec();
        for (JsonNode recorded : golden.get("messages")) {
            byte[] line = recorded.get("line").asText().getBytes(UTF_8);

            assertMalformed(() -> v2.decode(line, typeOf(recorded.get("name").asText())));
        }
    }

    @Test
    void clientHelloIsBuiltFromTheRecordedRandomAndTheSeedConstants() {
        String line = line(0);
        ClientHello decoded = (ClientHello) codec.decode(line.getBytes(UTF_8), MessageType.CLIENT_HELLO);

        ClientHello built = new ClientHello(hex("client_random"), 1, decoded.ephemeralPublicKey(), "X25519",
                "example-server");

        assertThat(decoded).usingRecursiveComparison().isEqualTo(built);
        assertEncodesTo(codec.encode(built), line);
    }

    @Test
    void serverHelloIsBuiltFromTheRecordedRandomAndTheSeedConstants() {
        String line = line(1);
        ServerHello decoded = (ServerHello) codec.decode(line.getBytes(UTF_8), MessageType.SERVER_HELLO);

        ServerHello built = new ServerHello(hex("server_random"), 1, decoded.ephemeralPublicKey(), "X25519");

        assertThat(decoded).usingRecursiveComparison().isEqualTo(built);
        assertEncodesTo(codec.encode(built), line);
    }

    @Test
    void certificateLineIsTheHexOfTheRecordedPem() {
        byte[] pem = golden.get("server_certificate_pem").asText().getBytes(UTF_8);

        assertEncodesTo(codec.encode(new CertificateMessage(pem)), line(2));
    }

    @Test
    void applicationRecordStartsAtSequenceZero() {
        ApplicationRecord record = (ApplicationRecord) codec.decode(line(6).getBytes(UTF_8),
                MessageType.APPLICATION_RECORD);

        assertThat(record.sequence()).isZero();
        // the 18-byte plaintext "This is the Client" plus the 16-byte tag
        assertThat(record.ciphertext()).hasSize(golden.get("application_plaintext").asText().length() + 16);
    }

    private String line(int index) {
        return golden.get("messages").get(index).get("line").asText();
    }

    private byte[] hex(String field) {
        return HexFormat.of().parseHex(golden.get(field).asText());
    }

    private static MessageType typeOf(String recordedName) {
        return switch (recordedName) {
            case "ClientHello" -> MessageType.CLIENT_HELLO;
            case "ServerHello" -> MessageType.SERVER_HELLO;
            case "Certificate" -> MessageType.CERTIFICATE;
            case "CertificateVerify" -> MessageType.CERTIFICATE_VERIFY;
            case "ServerFinished", "ClientFinished" -> MessageType.FINISHED;
            case "ApplicationData" -> MessageType.APPLICATION_RECORD;
            default -> throw new IllegalArgumentException("unknown message in the golden file: " + recordedName);
        };
    }
}
