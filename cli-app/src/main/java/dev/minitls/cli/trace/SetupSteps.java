package dev.minitls.cli.trace;

import static dev.minitls.domain.trace.TraceValue.open;
import static dev.minitls.domain.trace.TraceValue.text;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.trace.CertificateValues;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import java.nio.file.Path;
import java.util.List;

/**
 * The events of the steps that happen before a handshake (seed steps 1 to 4), which the commands report in the
 * same way as the handshakes report theirs: no connection exists yet, so they have no peer.
 */
public final class SetupSteps {

    private SetupSteps() {
    }

    /** Step 1, by the server's operator: a Root CA and a server certificate issued, keys and all, into {@code dir}. */
    public static TraceEvent certificatesIssued(Path dir, Certificate root, Certificate server) {
        return new TraceEvent(Side.SERVER, "", Step.CERTIFICATES,
                "Root CA and server Ed25519 key pairs and certificates (the server's signed by the Root CA)"
                        + " written to " + dir,
                List.of(open("Root CA public key", root.publicKey()), open("server public key", server.publicKey())));
    }

    /** Step 2 on the server: the certificate it will send, and what is inside. */
    public static TraceEvent serverCertificate(Certificate server) {
        return new TraceEvent(Side.SERVER, "", Step.CERTIFICATE_CONTENTS,
                "the server certificate it will send", CertificateValues.of(server));
    }

    /** Step 2 on the client: the Root CA certificate it trusts, and what is inside. */
    public static TraceEvent trustedRoot(Certificate root) {
        return new TraceEvent(Side.CLIENT, "", Step.CERTIFICATE_CONTENTS,
                "the Root CA certificate it trusts", CertificateValues.of(root));
    }

    /** Step 3. */
    public static TraceEvent listening(String host, int port) {
        return new TraceEvent(Side.SERVER, "", Step.LISTEN, "listening for TCP connections",
                List.of(text("address", host + ":" + port)));
    }

    /** Step 4. */
    public static TraceEvent connecting(String host, int port) {
        return new TraceEvent(Side.CLIENT, "", Step.CONNECT, "connecting over TCP",
                List.of(text("address", host + ":" + port)));
    }
}
