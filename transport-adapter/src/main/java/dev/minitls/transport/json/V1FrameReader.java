package dev.minitls.transport.json;

import static dev.minitls.transport.json.V1Members.CIPHERTEXT;
import static dev.minitls.transport.json.V1Members.CLIENT_RANDOM;
import static dev.minitls.transport.json.V1Members.EPH_PUB_KEY;
import static dev.minitls.transport.json.V1Members.SEQ;
import static dev.minitls.transport.json.V1Members.SERVER_NAME;
import static dev.minitls.transport.json.V1Members.SERVER_RANDOM;
import static dev.minitls.transport.json.V1Members.SUITE;
import static dev.minitls.transport.json.V1Members.VERSION;

import com.fasterxml.jackson.core.JsonParser;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import java.io.IOException;

/**
 * Decodes one protocol-v1 frame of a known type: v1 frames carry no type, so the shape expected at this point of
 * the sequence is the only one accepted. Failures name the expected message. v1 has no alerts, so a frame is never
 * one.
 */
final class V1FrameReader extends JsonFrameReader {

    private final MessageType expected;

    private V1FrameReader(MessageType expected) {
        super(expected.wireName());
        this.expected = expected;
    }

    /** Decodes {@code frame} as a message of type {@code expected}. */
    static Message decode(byte[] frame, MessageType expected) {
        return new V1FrameReader(expected).read(frame);
    }

    @Override
    Message message(JsonParser parser) throws IOException {
        return switch (expected) {
            case CLIENT_HELLO -> clientHello(object(parser).exactly(V1Members.CLIENT_HELLO));
            case SERVER_HELLO -> serverHello(object(parser).exactly(V1Members.SERVER_HELLO));
            case CERTIFICATE -> new CertificateMessage(hexString(parser));
            case CERTIFICATE_VERIFY -> new CertificateVerify(hexString(parser));
            case FINISHED -> new Finished(hexString(parser));
            case APPLICATION_RECORD -> applicationRecord(object(parser).exactly(V1Members.APPLICATION_RECORD));
            case ALERT -> throw malformed("protocol v1 has no alerts");
        };
    }

    private static ClientHello clientHello(Members members) {
        return new ClientHello(members.hex(CLIENT_RANDOM), members.int32(VERSION), members.hex(EPH_PUB_KEY),
                members.string(SUITE), members.string(SERVER_NAME));
    }

    private static ServerHello serverHello(Members members) {
        return new ServerHello(members.hex(SERVER_RANDOM), members.int32(VERSION), members.hex(EPH_PUB_KEY),
                members.string(SUITE));
    }

    private static ApplicationRecord applicationRecord(Members members) {
        return new ApplicationRecord(members.nonNegativeLong(SEQ), members.hex(CIPHERTEXT));
    }
}
