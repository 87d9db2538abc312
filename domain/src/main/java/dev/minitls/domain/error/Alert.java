package dev.minitls.domain.error;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every alert of RFC 8446 section 6, with its number and name. Protocol v1 sends none; protocol v2 sends them before
 * closing and names them in its JSON lines; TLS 1.3 carries the number.
 */
public enum Alert {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    RECORD_OVERFLOW(22),
    HANDSHAKE_FAILURE(40),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_REVOKED(44),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    ACCESS_DENIED(49),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    INTERNAL_ERROR(80),
    INAPPROPRIATE_FALLBACK(86),
    USER_CANCELED(90),
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    UNRECOGNIZED_NAME(112),
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    UNKNOWN_PSK_IDENTITY(115),
    CERTIFICATE_REQUIRED(116),
    NO_APPLICATION_PROTOCOL(120);

    private final int code;

    Alert(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The alert's name as RFC 8446 writes it, e.g. {@code bad_record_mac}. */
    public String rfcName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The alert numbered {@code code}, if RFC 8446 defines one. */
    public static Optional<Alert> fromCode(int code) {
        return Arrays.stream(values()).filter(alert -> alert.code == code).findFirst();
    }

    /** The alert with RFC 8446 name {@code name}, if minitls knows it. */
    public static Optional<Alert> fromRfcName(String name) {
        return Arrays.stream(values()).filter(alert -> alert.rfcName().equals(name)).findFirst();
    }
}
