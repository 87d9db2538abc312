package dev.minitls.transport.json;

import static dev.minitls.transport.json.V1Members.CIPHERTEXT;
import static dev.minitls.transport.json.V1Members.CLIENT_RANDOM;
import static dev.minitls.transport.json.V1Members.EPH_PUB_KEY;
import static dev.minitls.transport.json.V1Members.SEQ;
import static dev.minitls.transport.json.V1Members.SERVER_NAME;
import static dev.minitls.transport.json.V1Members.SERVER_RANDOM;
import static dev.minitls.transport.json.V1Members.SUITE;
import static dev.minitls.transport.json.V1Members.VERSION;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.MessageCodec;
import java.io.IOException;
import java.util.HexFormat;

/**
 * Protocol v1's wire format: one JSON value per line, byte for byte as the original Python program writes it with
 * {@code json.dumps} (separators {@code ", "} and {@code ": "}, members in the documented order, lowercase hex,
 * ASCII-only output with Python's escapes). Decoding is strict and total: any frame that is not exactly one value
 * of the expected shape is a {@code MALFORMED_MESSAGE}, and no other exception comes out. Protocol v1 has no alerts:
 * this codec neither writes nor reads one. Thread-safe.
 *
 * <p>Built on Jackson's streaming API: no tree, no data binding.
 */
public final class JsonLinesV1Codec implements MessageCodec {

    private static final HexFormat HEX = HexFormat.of();
    private static final RecordFrames RECORDS = new RecordFrames("", SEQ, CIPHERTEXT, RecordFrames.Text.HEX);

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for an alert, which protocol v1 does not have, and for an application record
     *     with a negative sequence number, which no decoder would accept back
     */
    @Override
    public byte[] encode(Message message) {
        if (message instanceof ApplicationRecord record) {
            return RECORDS.frame(record);
        }
        return PythonJsonLines.frame(out -> write(out, message));
    }

    /** {@inheritDoc} With {@code expected} {@code ALERT} every frame is malformed: v1 has no alerts. */
    @Override
    public Message decode(byte[] frame, MessageType expected) {
        if (expected == MessageType.APPLICATION_RECORD) {
            return RECORDS.read(frame).map(Message.class::cast).orElseGet(() -> V1FrameReader.decode(frame, expected));
        }
        return V1FrameReader.decode(frame, expected);
    }

    private static void write(JsonGenerator out, Message message) throws IOException {
        switch (message.type()) {
            case CLIENT_HELLO -> writeClientHello(out, (ClientHello) message);
            case SERVER_HELLO -> writeServerHello(out, (ServerHello) message);
            case CERTIFICATE -> out.writeString(HEX.formatHex(((CertificateMessage) message).certificatePem()));
            case CERTIFICATE_VERIFY -> out.writeString(HEX.formatHex(((CertificateVerify) message).signature()));
            case FINISHED -> out.writeString(HEX.formatHex(((Finished) message).mac()));
            case ALERT -> throw new IllegalArgumentException("protocol v1 has no alerts");
        }
    }

    private static void writeClientHello(JsonGenerator out, ClientHello hello) throws IOException {
        out.writeStartObject();
        out.writeStringField(CLIENT_RANDOM, HEX.formatHex(hello.random()));
        out.writeNumberField(VERSION, hello.version());
        out.writeStringField(EPH_PUB_KEY, HEX.formatHex(hello.ephemeralPublicKey()));
        out.writeStringField(SUITE, hello.suite());
        out.writeStringField(SERVER_NAME, hello.serverName());
        out.writeEndObject();
    }

    private static void writeServerHello(JsonGenerator out, ServerHello hello) throws IOException {
        out.writeStartObject();
        out.writeStringField(SERVER_RANDOM, HEX.formatHex(hello.random()));
        out.writeNumberField(VERSION, hello.version());
        out.writeStringField(EPH_PUB_KEY, HEX.formatHex(hello.ephemeralPublicKey()));
        out.writeStringField(SUITE, hello.suite());
        out.writeEndObject();
    }
}
