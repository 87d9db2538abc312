package dev.minitls.domain.tls13;

import java.util.Optional;

/** The handshake messages minitls reads and writes, with their RFC 8446 section 4 numbers. */
public enum HandshakeType {
    CLIENT_HELLO(1),
    SERVER_HELLO(2),
    NEW_SESSION_TICKET(4),
    ENCRYPTED_EXTENSIONS(8),
    CERTIFICATE(11),
    CERTIFICATE_VERIFY(15),
    FINISHED(20),
    KEY_UPDATE(24);

    private final int code;

    HandshakeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The RFC name, e.g. {@code client_hello}. */
    public String rfcName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<HandshakeType> fromCode(int code) {
        for (HandshakeType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
