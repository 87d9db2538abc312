package dev.minitls.domain.trace;

/** The seed's numbered steps (seed-README.md), so that every event can say which step it belongs to. */
public enum Step {
    CERTIFICATES(1, "certificates"),
    CERTIFICATE_CONTENTS(2, "what is inside the certificates"),
    LISTEN(3, "server listens"),
    CONNECT(4, "client connects"),
    CLIENT_HELLO(5, "ClientHello"),
    TRANSCRIPT(6, "transcript hash"),
    SERVER_HELLO(7, "ServerHello"),
    SHARED_SECRET(8, "X25519 shared secret"),
    HANDSHAKE_KEY(9, "HKDF handshake key"),
    CERTIFICATE(10, "server certificate"),
    VERIFY_CERTIFICATE(11, "certificate check against the Root CA"),
    CERTIFICATE_VERIFY(12, "CertificateVerify"),
    VERIFY_CERTIFICATE_VERIFY(13, "CertificateVerify check"),
    FINISHED(14, "Finished"),
    APPLICATION_DATA(15, "application data");

    private final int number;
    private final String title;

    Step(int number, String title) {
        this.number = number;
        this.title = title;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }
}
