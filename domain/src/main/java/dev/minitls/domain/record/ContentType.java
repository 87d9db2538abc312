package dev.minitls.domain.record;

import java.util.Optional;

/** What a protocol v2 record carries, hidden inside its encryption (RFC 8446's content types). */
public enum ContentType {
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23);

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ContentType> fromCode(int code) {
        for (ContentType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
