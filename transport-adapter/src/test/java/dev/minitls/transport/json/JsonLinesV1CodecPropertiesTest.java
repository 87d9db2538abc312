package dev.minitls.transport.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.MessageCodec;
import net.jqwik.api.Arbitrary;

/** The codec contract for v1, where a frame can only be the message expected at its place in the sequence. */
class JsonLinesV1CodecPropertiesTest extends CodecPropertiesContract {

    private final JsonLinesV1Codec codec = new JsonLinesV1Codec();

    @Override
    MessageCodec codec() {
        return codec;
    }

    @Override
    Arbitrary<Message> allMessages() {
        return CodecArbitraries.v1Messages();
    }

    @Override
    String[] words() {
        return new String[] {"\"ClientRandom\"", "\"ServerRandom\"", "\"Version\"", "\"EphPubKey\"", "\"Suite\"",
            "\"ServerName\"", "\"Seq\"", "\"Ciphertext\"", "\"X25519\""};
    }

    @Override
    String failurePrefix(MessageType expected) {
        return "malformed message: " + expected.wireName() + ": ";
    }

    @Override
    void assertFits(Message decoded, MessageType expected) {
        assertThat(decoded.type()).isEqualTo(expected);
    }
}
