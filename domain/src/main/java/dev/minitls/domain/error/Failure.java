package dev.minitls.domain.error;

import java.util.Optional;

/**
 * Every way a connection can fail, each with the one alert it is reported with. This enum is the project's single
 * error-to-alert mapping: throw sites name a failure, never an alert.
 */
public enum Failure {
    // framing and decoding
    FRAME_TOO_LONG(Alert.RECORD_OVERFLOW, "frame too long"),
    MALFORMED_MESSAGE(Alert.DECODE_ERROR, "malformed message"),
    UNEXPECTED_MESSAGE(Alert.UNEXPECTED_MESSAGE, "unexpected message"),
    ILLEGAL_PARAMETER(Alert.ILLEGAL_PARAMETER, "illegal parameter"),
    // negotiation
    UNSUPPORTED_VERSION(Alert.PROTOCOL_VERSION, "unsupported protocol version"),
    UNSUPPORTED_SUITE(Alert.HANDSHAKE_FAILURE, "unsupported suite"),
    BAD_KEY_SHARE(Alert.ILLEGAL_PARAMETER, "bad key share"),
    NO_SHARED_PARAMETERS(Alert.HANDSHAKE_FAILURE, "nothing in common"),
    MISSING_EXTENSION(Alert.MISSING_EXTENSION, "missing extension"),
    UNSUPPORTED_EXTENSION(Alert.UNSUPPORTED_EXTENSION, "unsupported extension"),
    // certificates
    BAD_CERTIFICATE(Alert.BAD_CERTIFICATE, "certificate rejected"),
    UNSUPPORTED_CERTIFICATE(Alert.UNSUPPORTED_CERTIFICATE, "certificate rejected"),
    UNKNOWN_CA(Alert.UNKNOWN_CA, "certificate rejected"),
    CERTIFICATE_EXPIRED(Alert.CERTIFICATE_EXPIRED, "certificate rejected"),
    NAME_MISMATCH(Alert.BAD_CERTIFICATE, "certificate rejected"),
    // handshake proofs
    BAD_SIGNATURE(Alert.DECRYPT_ERROR, "CertificateVerify rejected"),
    BAD_FINISHED(Alert.DECRYPT_ERROR, "Finished rejected"),
    // records
    BAD_RECORD_MAC(Alert.BAD_RECORD_MAC, "record rejected"),
    UNEXPECTED_SEQUENCE(Alert.BAD_RECORD_MAC, "record rejected"),
    RECORD_OVERFLOW(Alert.RECORD_OVERFLOW, "record too large"),
    SEQUENCE_EXHAUSTED(Alert.INTERNAL_ERROR, "too many records under one key"),
    // the connection
    PEER_CLOSED(null, "connection closed by peer"),
    ALERT_RECEIVED(null, "the peer sent an alert"),
    TRUNCATED(Alert.DECODE_ERROR, "connection truncated"),
    TIMEOUT(null, "timed out"),
    IO_ERROR(null, "connection failed"),
    INTERNAL_ERROR(Alert.INTERNAL_ERROR, "internal error");

    private final Alert alert;
    private final String summary;

    Failure(Alert alert, String summary) {
        this.alert = alert;
        this.summary = summary;
    }

    /** The alert to send for this failure, when the connection can still carry one. */
    public Optional<Alert> alert() {
        return Optional.ofNullable(alert);
    }

    /** The start of the one-line error users see, e.g. {@code certificate rejected}. */
    public String summary() {
        return summary;
    }
}
