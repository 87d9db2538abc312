package dev.minitls.cli.trace;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import java.nio.file.Path;

/**
 * The events of the steps that happen before a handshake (seed steps 1 to 4), which the commands report in the
 * same way as the handshakes report theirs: no connection exists yet, so they have no peer.
 */
public final class SetupSteps {

    private SetupSteps() {
    }

    /** Step 1, by the server's operator: a Root CA and a server certificate issued, keys and all, into {@code dir}. */
    public static TraceEvent certificatesIssued(Path dir, Certificate root, Certificate server) {
        return new TraceEvent(Side.SERVER, "", new Event.CertificatesIssued(dir.toString(), root, server));
    }

    /** Step 2 on the server: the certificate it will send, and what is inside. */
    public static TraceEvent serverCertificate(Certificate server) {
        return new TraceEvent(Side.SERVER, "", new Event.CertificateLoaded(server));
    }

    /** Step 2 on the client: the Root CA certificate it trusts, and what is inside. */
    public static TraceEvent trustedRoot(Certificate root) {
        return new TraceEvent(Side.CLIENT, "", new Event.CertificateLoaded(root));
    }

    /** Step 3. */
    public static TraceEvent listening(String host, int port) {
        return new TraceEvent(Side.SERVER, "", new Event.Listening(host, port));
    }

    /** Step 4. */
    public static TraceEvent connecting(String host, int port) {
        return new TraceEvent(Side.CLIENT, "", new Event.Connecting(host, port));
    }
}
