package dev.minitls.transport.json;

import static dev.minitls.transport.json.CodecAssertions.assertMalformed;

import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.MessageCodec;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The codec contract for v2, where a frame is whichever message it names; and neither protocol version ever accepts
 * the other's frames.
 */
class JsonLinesV2CodecPropertiesTest extends CodecPropertiesContract {

    private final JsonLinesV2Codec codec = new JsonLinesV2Codec();
    private final JsonLinesV1Codec v1 = new JsonLinesV1Codec();

    @Override
    MessageCodec codec() {
        return codec;
    }

    @Override
    Arbitrary<Message> allMessages() {
        return CodecArbitraries.v2Messages();
    }

    @Override
    String[] words() {
        return new String[] {"\"type\"", "\"ClientHello\"", "\"ServerHello\"", "\"Certificate\"",
            "\"CertificateVerify\"", "\"Finished\"", "\"Record\"", "\"Alert\"", "\"version\"", "\"random\"",
            "\"key_share\"", "\"suite\"", "\"server_name\"", "\"certificate\"", "\"signature\"", "\"verify_data\"",
            "\"seq\"", "\"ciphertext\"", "\"alert\"", "\"close_notify\"", "\"bad_record_mac\"",
            "\"X25519_AES256GCM_SHA256\""};
    }

    @Override
    String failurePrefix(MessageType expected) {
        return "malformed message: ";
    }

    @Property(tries = 500)
    void noV1FrameIsAV2Frame(@ForAll("v1Messages") Message message, @ForAll MessageType expected) {
        byte[] v1Frame = v1.encode(message);

        assertMalformed(() -> codec.decode(v1Frame, expected));
    }

    @Property(tries = 500)
    void noV2FrameIsAV1Frame(@ForAll("messages") Message message, @ForAll MessageType expected) {
        byte[] v2Frame = codec.encode(message);

        assertMalformed(() -> v1.decode(v2Frame, expected));
    }

    @Provide
    Arbitrary<Message> v1Messages() {
        return CodecArbitraries.v1Messages();
    }
}
