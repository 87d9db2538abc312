package dev.minitls.domain.error;

/**
 * A connection failed for a reason the protocol knows about. The message is one line for a human, such as
 * {@code certificate rejected: not signed by the trusted root CA}; it never contains secret values.
 */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Failure failure;

    public ProtocolException(Failure failure, String detail) {
        super(failure.summary() + ": " + detail);
        this.failure = failure;
    }

    public ProtocolException(Failure failure, String detail, Throwable cause) {
        super(failure.summary() + ": " + detail, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
