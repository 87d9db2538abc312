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

import dev.minitls.domain.message.MessageType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Protocol v2's frames: each one's {@code "type"} value and its members, as docs/PROTOCOL.md lists them. */
enum V2Type {
    CLIENT_HELLO("ClientHello", VERSION, RANDOM, KEY_SHARE, SUITE, SERVER_NAME),
    SERVER_HELLO("ServerHello", VERSION, RANDOM, KEY_SHARE, SUITE),
    CERTIFICATE("Certificate", V2Members.CERTIFICATE),
    CERTIFICATE_VERIFY("CertificateVerify", SIGNATURE),
    FINISHED("Finished", VERIFY_DATA),
    RECORD("Record", SEQ, CIPHERTEXT),
    ALERT("Alert", V2Members.ALERT);

    private final String typeName;
    private final List<String> members;

    V2Type(String typeName, String... members) {
        this.typeName = typeName;
        this.members = Stream.concat(Stream.of(TYPE), Arrays.stream(members)).toList();
    }

    /** The value of the {@code "type"} member. */
    String typeName() {
        return typeName;
    }

    /** Every member, {@code "type"} first. */
    List<String> members() {
        return members;
    }

    /** The frame that carries messages of type {@code type}. */
    static V2Type of(MessageType type) {
        return switch (type) {
            case CLIENT_HELLO -> CLIENT_HELLO;
            case SERVER_HELLO -> SERVER_HELLO;
            case CERTIFICATE -> CERTIFICATE;
            case CERTIFICATE_VERIFY -> CERTIFICATE_VERIFY;
            case FINISHED -> FINISHED;
            case APPLICATION_RECORD -> RECORD;
            case ALERT -> ALERT;
        };
    }

    /** The frame whose {@code "type"} is {@code typeName}, if there is one. */
    static Optional<V2Type> named(String typeName) {
        return Arrays.stream(values()).filter(type -> type.typeName.equals(typeName)).findFirst();
    }
}
