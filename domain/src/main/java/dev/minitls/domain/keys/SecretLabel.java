package dev.minitls.domain.keys;

/**
 * Names the secrets and keys a key schedule derives, as the protocol names them ({@code name()} in lower case is the
 * protocol's name, e.g. {@code client_handshake_traffic_secret}), so that whoever reads them (a trace, a key log)
 * maps a label, never a display string. Declared in the order they are best read.
 */
public enum SecretLabel {
    // Protocol v1 (docs/PROTOCOL.md): one HKDF key, the rest follow from it.
    DERIVED_KEY(Schedule.MINITLS_V1),
    FINISHED_KEY_SERVER(Schedule.MINITLS_V1),
    FINISHED_KEY_CLIENT(Schedule.MINITLS_V1),
    CLIENT_APP_KEY(Schedule.MINITLS_V1),
    CLIENT_APP_IV(Schedule.MINITLS_V1),
    SERVER_APP_KEY(Schedule.MINITLS_V1),
    SERVER_APP_IV(Schedule.MINITLS_V1),
    // Protocol v2: TLS 1.3's key schedule (RFC 8446 section 7.1).
    EARLY_SECRET(Schedule.TLS13),
    HANDSHAKE_SECRET(Schedule.TLS13),
    CLIENT_HANDSHAKE_TRAFFIC_SECRET(Schedule.TLS13),
    CLIENT_HANDSHAKE_KEY(Schedule.TLS13),
    CLIENT_HANDSHAKE_IV(Schedule.TLS13),
    CLIENT_FINISHED_KEY(Schedule.TLS13),
    SERVER_HANDSHAKE_TRAFFIC_SECRET(Schedule.TLS13),
    SERVER_HANDSHAKE_KEY(Schedule.TLS13),
    SERVER_HANDSHAKE_IV(Schedule.TLS13),
    SERVER_FINISHED_KEY(Schedule.TLS13),
    MASTER_SECRET(Schedule.TLS13),
    CLIENT_APPLICATION_TRAFFIC_SECRET_0(Schedule.TLS13),
    CLIENT_APPLICATION_KEY(Schedule.TLS13),
    CLIENT_APPLICATION_IV(Schedule.TLS13),
    SERVER_APPLICATION_TRAFFIC_SECRET_0(Schedule.TLS13),
    SERVER_APPLICATION_KEY(Schedule.TLS13),
    SERVER_APPLICATION_IV(Schedule.TLS13),
    EXPORTER_MASTER_SECRET(Schedule.TLS13);

    /** The key schedules that derive secrets. */
    public enum Schedule {
        /** Protocol v1's: HKDF over the shared secret alone. */
        MINITLS_V1,
        /** TLS 1.3's, which protocol v2 uses. */
        TLS13
    }

    private final Schedule schedule;

    SecretLabel(Schedule schedule) {
        this.schedule = schedule;
    }

    /** The key schedule that derives this secret. */
    public Schedule schedule() {
        return schedule;
    }
}
