package dev.minitls.domain.message;

/** The kinds of message, in the order of the handshake. */
public enum MessageType {
    CLIENT_HELLO("ClientHello"),
    SERVER_HELLO("ServerHello"),
    CERTIFICATE("Certificate"),
    CERTIFICATE_VERIFY("CertificateVerify"),
    FINISHED("Finished"),
    APPLICATION_RECORD("ApplicationData"),
    /** Protocol v2 only. */
    ALERT("Alert");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    /** The message's name as the seed and the specifications write it. */
    public String wireName() {
        return wireName;
    }
}
