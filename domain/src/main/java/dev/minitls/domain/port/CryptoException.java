package dev.minitls.domain.port;

/** The single error type of the crypto port, whatever library is underneath. */
public final class CryptoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the protocol cares. */
    public enum Kind {
        /** An AEAD tag did not verify. */
        AUTHENTICATION_FAILED,
        /** A key has the wrong length or is unusable (e.g. an X25519 agreement with an all-zero result). */
        INVALID_KEY,
        /** Input that cannot be parsed, such as a certificate that is not well-formed. */
        MALFORMED,
        /** Any other argument the primitive refuses (e.g. an HKDF length out of range). */
        INVALID_ARGUMENT,
        /** An AEAD was asked to seal a second time under one key with the same nonce: a bug, never repaired. */
        NONCE_REUSED
    }

    private final Kind kind;

    public CryptoException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CryptoException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
