package dev.minitls.transport.json;

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

import com.fasterxml.jackson.core.JsonGenerator;
import dev.minitls.domain.message.AlertMessage;
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
 * Protocol v2's wire format (docs/PROTOCOL.md): one JSON object per line, {@code "type"} first, written in v1's
 * Python style (separators {@code ", "} and {@code ": "}, ASCII only with Python's escapes); lowercase hex, and
 * padded standard base64 for record ciphertexts. Decoding is strict and total like v1's: anything but exactly one
 * documented object is a {@code MALFORMED_MESSAGE}, and no other exception comes out. A v1 frame is never a v2 one,
 * and the other way round. Thread-safe.
 */
public final class JsonLinesV2Codec implements MessageCodec {

    private static final HexFormat HEX = HexFormat.of();
    private static final RecordFrames RECORDS = new RecordFrames(
            "\"" + TYPE + "\": \"" + V2Type.RECORD.typeName() + "\", ", SEQ, CIPHERTEXT, RecordFrames.Text.BASE64);

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for a record with a negative sequence number, which no decoder would accept
     *     back
     */
    @Override
    public byte[] encode(Message message) {
        if (message instanceof ApplicationRecord record) {
            return RECORDS.frame(record);
        }
        return PythonJsonLines.frame(out -> {
            out.writeStartObject();
            out.writeStringField(TYPE, V2Type.of(message.type()).typeName());
            writeMembers(out, message);
            out.writeEndObject();
        });
    }

    /**
     * {@inheritDoc} A v2 frame names its type, so this returns whatever message the frame holds, of any type:
     * {@code expected} is not consulted, and checking the type is the domain's job.
     */
    @Override
    public Message decode(byte[] frame, MessageType expected) {
        return RECORDS.read(frame).map(Message.class::cast).orElseGet(() -> V2FrameReader.decode(frame));
    }

    private static void writeMembers(JsonGenerator out, Message message) throws IOException {
        switch (message.type()) {
            case CLIENT_HELLO -> {
                ClientHello hello = (ClientHello) message;
                writeHello(out, hello.version(), hello.random(), hello.ephemeralPublicKey(), hello.suite());
                out.writeStringField(SERVER_NAME, hello.serverName());
            }
            case SERVER_HELLO -> {
                ServerHello hello = (ServerHello) message;
                writeHello(out, hello.version(), hello.random(), hello.ephemeralPublicKey(), hello.suite());
            }
            case CERTIFICATE -> writeHex(out, V2Members.CERTIFICATE, ((CertificateMessage) message).certificatePem());
            case CERTIFICATE_VERIFY -> writeHex(out, SIGNATURE, ((CertificateVerify) message).signature());
            case FINISHED -> writeHex(out, VERIFY_DATA, ((Finished) message).mac());
            case ALERT -> out.writeStringField(V2Members.ALERT, ((AlertMessage) message).alert().rfcName());
        }
    }

    private static void writeHello(JsonGenerator out, int version, byte[] random, byte[] keyShare, String suite)
            throws IOException {
        out.writeNumberField(VERSION, version);
        writeHex(out, RANDOM, random);
        writeHex(out, KEY_SHARE, keyShare);
        out.writeStringField(SUITE, suite);
    }

    private static void writeHex(JsonGenerator out, String name, byte[] value) throws IOException {
        out.writeStringField(name, HEX.formatHex(value));
    }
}
