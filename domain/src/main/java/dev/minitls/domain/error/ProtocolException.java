package dev.minitls.domain.error;

import java.util.Optional;

/**
 * A connection failed for a reason the protocol knows about. The message is one line for a human, such as
 * {@code certificate rejected: not signed by the trusted root CA}; it never contains secret values.
 */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Failure failure;
    private final Alert peerAlert;

    public ProtocolException(Failure failure, String detail) {
        this(failure, detail, null, null);
    }

    public ProtocolException(Failure failure, String detail, Throwable cause) {
        this(failure, detail, cause, null);
    }

    private ProtocolException(Failure failure, String detail, Throwable cause, Alert peerAlert) {
        super(failure.summary() + ": " + detail, cause);
        this.failure = failure;
        this.peerAlert = peerAlert;
    }

    /** The peer ended the connection with {@code alert}. */
    public static ProtocolException alertReceived(Alert alert) {
        return new ProtocolException(Failure.ALERT_RECEIVED, alert.rfcName(), null, alert);
    }

    public Failure failure() {
        return failure;
    }

    /** The alert the peer sent, when that is what ended the connection. */
    public Optional<Alert> peerAlert() {
        return Optional.ofNullable(peerAlert);
    }
}
