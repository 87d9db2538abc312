package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.crypto.bc.IssuedMaterial;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The certificates every benchmark uses, issued once in memory: an Ed25519 root CA and a server certificate for
 * {@link #SERVER_NAME}, the same chain for minitls and for the JDK's TLS.
 */
final class BenchPki {

    /** The name in the server certificate, checked by both clients. */
    static final String SERVER_NAME = "bench.minitls.test";

    private final IssuedMaterial material = PkiIssuer.issue(SERVER_NAME, 1, Clock.systemUTC());

    byte[] rootCertificatePem() {
        return ascii(material.rootCertificatePem());
    }

    byte[] serverCertificatePem() {
        return ascii(material.serverCertificatePem());
    }

    byte[] serverPrivateKeyPem() {
        return ascii(material.serverPrivateKeyPem());
    }

    private static byte[] ascii(String pem) {
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
