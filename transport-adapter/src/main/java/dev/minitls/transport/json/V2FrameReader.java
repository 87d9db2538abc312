package dev.minitls.transport.json;

import static dev.minitls.domain.error.PeerText.quote;
import static dev.minitls.transport.json.V2Members.CIPHERTEXT;
import static dev.minitls.transport.json.V2Members.KEY_SHARE;
import static dev.minitls.transport.json.V2Members.RANDOM;
import static dev.minitls.transport.json.V2Members.SEQ;
import static dev.minitls.transport.json.V2Members.SERVER_NAME;
import static dev.minitls.transport.json.V2Members.SIGNATURE;
import static dev.minitls.transport.json.V2Members.SUITE;
import static dev.minitls.transport.json.V2Members.TYPE;
import static dev.minitls.transport.json.V2Members.VERIFY_DATA;
import static dev.minitls.transport.json.V2Members.VERSION;

import com.fasterxml.jackson.core.JsonParser;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.ServerHello;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decodes one protocol-v2 frame: a JSON object whose {@code "type"} says which message it is, with exactly that
 * message's members. Failures name the type once it is known, and {@code v2 frame} before.
 */
final class V2FrameReader extends JsonFrameReader {

    /**
     * The alerts protocol v2 names (docs/PROTOCOL.md's table): RFC 8446 defines more, which TLS 1.3 carries, but a
     * v2 frame naming one of those is malformed.
     */
    static final Set<Alert> ALERTS = Collections.unmodifiableSet(EnumSet.of(Alert.CLOSE_NOTIFY,
            Alert.UNEXPECTED_MESSAGE, Alert.BAD_RECORD_MAC, Alert.RECORD_OVERFLOW, Alert.HANDSHAKE_FAILURE,
            Alert.BAD_CERTIFICATE, Alert.UNSUPPORTED_CERTIFICATE, Alert.CERTIFICATE_EXPIRED, Alert.ILLEGAL_PARAMETER,
            Alert.UNKNOWN_CA, Alert.DECODE_ERROR, Alert.DECRYPT_ERROR, Alert.PROTOCOL_VERSION, Alert.INTERNAL_ERROR));

    private V2FrameReader() {
        super("v2 frame");
    }

    /** Decodes {@code frame} as whichever message it holds. */
    static Message decode(byte[] frame) {
        return new V2FrameReader().read(frame);
    }

    @Override
    Message message(JsonParser parser) throws IOException {
        Members members = object(parser);
        String typeName = members.string(TYPE);
        V2Type type = V2Type.named(typeName).orElseThrow(() -> malformed("unknown type " + quote(typeName)));
        nowReading(type.typeName());
        members.exactly(type.members());
        return switch (type) {
            case CLIENT_HELLO -> new ClientHello(members.hex(RANDOM), members.int32(VERSION), members.hex(KEY_SHARE),
                    members.string(SUITE), members.string(SERVER_NAME));
            case SERVER_HELLO -> new ServerHello(members.hex(RANDOM), members.int32(VERSION), members.hex(KEY_SHARE),
                    members.string(SUITE));
            case CERTIFICATE -> new CertificateMessage(members.hex(V2Members.CERTIFICATE));
            case CERTIFICATE_VERIFY -> new CertificateVerify(members.hex(SIGNATURE));
            case FINISHED -> new Finished(members.hex(VERIFY_DATA));
            case RECORD -> new ApplicationRecord(members.nonNegativeLong(SEQ), members.base64(CIPHERTEXT));
            case ALERT -> alert(members.string(V2Members.ALERT));
        };
    }

    private AlertMessage alert(String name) {
        return new AlertMessage(Alert.fromRfcName(name).filter(ALERTS::contains)
                .orElseThrow(() -> malformed("unknown alert " + quote(name))));
    }
}
