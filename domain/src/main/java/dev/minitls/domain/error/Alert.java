package dev.minitls.domain.error;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Alerts as RFC 8446 section 6 numbers them. Protocol v1 sends none; protocol v2 sends them before closing. */
public enum Alert {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    RECORD_OVERFLOW(22),
    HANDSHAKE_FAILURE(40),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_EXPIRED(45),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    PROTOCOL_VERSION(70),
    INTERNAL_ERROR(80);

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

    /** The alert with RFC 8446 name {@code name}, if minitls knows it. */
    public static Optional<Alert> fromRfcName(String name) {
        return Arrays.stream(values()).filter(alert -> alert.rfcName().equals(name)).findFirst();
    }
}
