package dev.minitls.domain.trace;

/**
 * The seed's numbered steps (seed-README.md), so that every event can say which step it belongs to; observers give
 * them their titles.
 */
public enum Step {
    CERTIFICATES(1),
    CERTIFICATE_CONTENTS(2),
    LISTEN(3),
    CONNECT(4),
    CLIENT_HELLO(5),
    TRANSCRIPT(6),
    SERVER_HELLO(7),
    SHARED_SECRET(8),
    HANDSHAKE_KEY(9),
    CERTIFICATE(10),
    VERIFY_CERTIFICATE(11),
    CERTIFICATE_VERIFY(12),
    VERIFY_CERTIFICATE_VERIFY(13),
    FINISHED(14),
    APPLICATION_DATA(15);

    private final int number;

    Step(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
