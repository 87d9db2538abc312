package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.crypto.bc.KeyType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The certificates every benchmark uses, issued once in memory: a root CA and a server certificate for
 * {@link #SERVER_NAME}, with keys of one type, the same chain for minitls and for the baselines.
 */
final class BenchPki {

    /** The name in the server certificate, checked by both clients. */
    static final String SERVER_NAME = "bench.minitls.test";

    private final KeyType keyType;
    private final IssuedMaterial material;

    BenchPki(KeyType keyType) {
        this.keyType = keyType;
        this.material = PkiIssuer.issue(SERVER_NAME, 1, Clock.systemUTC(), keyType, false);
    }

    KeyType keyType() {
        return keyType;
    }

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
