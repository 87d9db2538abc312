package dev.minitls.cli.bench;

import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import java.util.List;

/**
 * The algorithms of a TLS 1.3 benchmark, the same on both sides and for every implementation compared: one cipher
 * suite, one key exchange group, the key type of the certificate chain.
 */
public record Algorithms(CipherSuite suite, NamedGroup group, KeyType keyType) {

    /** The suites and groups minitls implements, as {@code --suite} and {@code --group} name them. */
    public static final List<CipherSuite> SUITES = Tls13Settings.implementedSuites();
    public static final List<NamedGroup> GROUPS = Tls13Settings.implementedGroups();

    /** TLS_AES_128_GCM_SHA256, x25519, Ed25519. */
    public static final Algorithms DEFAULT = new Algorithms(CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519,
            KeyType.ED25519);

    /** What the v1/v2 benchmarks give the JSSE baseline: AES-256-GCM like minitls's JSON protocols, x25519, Ed25519. */
    public static final Algorithms JSON_PROTOCOLS_BASELINE = new Algorithms(CipherSuite.TLS_AES_256_GCM_SHA384,
            NamedGroup.X25519, KeyType.ED25519);

    public Algorithms {
        if (!SUITES.contains(suite) || !GROUPS.contains(group)) {
            throw new IllegalArgumentException("minitls does not implement " + suite + " with " + group);
        }
    }

    /** minitls's settings for these: this suite and this group only, on either side. */
    Tls13Settings settings() {
        return new Tls13Settings(List.of(suite), List.of(group));
    }

    /** These, as a result names them. */
    BenchResult.Setup setup() {
        return new BenchResult.Setup(suite.name(), group.name(), keyType.toString());
    }
}
