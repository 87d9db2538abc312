package dev.minitls.transport.json;

import static dev.minitls.transport.json.CodecAssertions.assertMalformed;
import static dev.minitls.transport.json.CodecAssertions.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A server tells the versions apart by which codec accepts the ClientHello, so neither accepts the other's frames. */
class CrossVersionTest {

    private final JsonLinesV1Codec v1 = new JsonLinesV1Codec();
    private final JsonLinesV2Codec v2 = new JsonLinesV2Codec();

    @Test
    void eachClientHelloIsAcceptedByItsOwnCodecOnly() {
        ClientHello hello = new ClientHello(new byte[32], 1, new byte[32], "X25519", "example-server");
        byte[] v1Frame = v1.encode(hello);
        byte[] v2Frame = v2.encode(hello);

        assertThat(v1.decode(v1Frame, MessageType.CLIENT_HELLO)).isInstanceOf(ClientHello.class);
        assertThat(v2.decode(v2Frame, MessageType.CLIENT_HELLO)).isInstanceOf(ClientHello.class);
        assertMalformed(() -> v2.decode(v1Frame, MessageType.CLIENT_HELLO), "v2 frame: missing member \"type\"");
        assertMalformed(() -> v1.decode(v2Frame, MessageType.CLIENT_HELLO),
                "ClientHello: unexpected member \"type\"");
    }

    @ParameterizedTest
    @MethodSource("dev.minitls.transport.json.JsonLinesV1CodecTest#messages")
    void v2RefusesEveryV1Frame(Message message) {
        byte[] frame = v1.encode(message);
        String detail = switch (message.type()) {
            case CERTIFICATE, CERTIFICATE_VERIFY, FINISHED -> "v2 frame: expected a JSON object, got a string";
            default -> "v2 frame: missing member \"type\"";
        };

        for (MessageType expected : MessageType.values()) {
            assertMalformed(() -> v2.decode(frame, expected), detail);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.minitls.transport.json.JsonLinesV2CodecTest#messages")
    void v1RefusesEveryV2Frame(Message message) {
        byte[] frame = v2.encode(message);
        String detail = switch (message.type()) {
            case CLIENT_HELLO, SERVER_HELLO, APPLICATION_RECORD -> "unexpected member \"type\"";
            case CERTIFICATE, CERTIFICATE_VERIFY, FINISHED -> "expected a JSON string, got an object";
            case ALERT -> "protocol v1 has no alerts";
        };

        assertMalformed(() -> v1.decode(frame, message.type()), message.type().wireName() + ": " + detail);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void aV2FrameIsNoV1MessageOfAnyType(MessageType expected) {
        byte[] hello = line("{\"type\": \"ClientHello\", \"version\": 2, \"random\": \"00\", "
                + "\"key_share\": \"00\", \"suite\": \"X25519\", \"server_name\": \"s\"}");

        assertMalformed(() -> v1.decode(hello, expected));
    }
}
