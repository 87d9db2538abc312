package dev.minitls.domain.tls13;

import java.util.Optional;

/**
 * What a TLS 1.3 record carries (RFC 8446 section 5.1): the type in a clear record's header, and the real type
 * inside a protected record (whose header always says application_data). Unlike protocol v2's
 * {@link dev.minitls.domain.record.ContentType}, TLS 1.3 also has change_cipher_spec, a record sent in clear for
 * middleboxes' sake and otherwise ignored.
 */
public enum RecordContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23);

    private final int code;

    RecordContentType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The RFC name, e.g. {@code application_data}. */
    public String rfcName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<RecordContentType> fromCode(int code) {
        for (RecordContentType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
