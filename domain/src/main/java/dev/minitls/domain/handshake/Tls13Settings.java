package dev.minitls.domain.handshake;

import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import java.util.List;
import java.util.Optional;

/**
 * What one side of a TLS 1.3 connection offers or accepts, in its order of preference: the client offers these
 * suites and groups in this order, the server picks the first of its own list that the client offers.
 *
 * @param suites among the three minitls implements
 * @param groups x25519 only, for now (P-256 comes with the issue "Any TLS 1.3 peer"); an empty list on a server
 *     refuses every client (a test uses it to see a HelloRetryRequest refused)
 */
public record Tls13Settings(List<CipherSuite> suites, List<NamedGroup> groups) {

    /** The three suites, AES-128-GCM (the one every TLS 1.3 peer has) first; x25519. */
    public static final Tls13Settings DEFAULT = new Tls13Settings(List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256), List.of(NamedGroup.X25519));

    public Tls13Settings {
        suites = List.copyOf(suites);
        groups = List.copyOf(groups);
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("at least one cipher suite is needed");
        }
        for (CipherSuite suite : suites) {
            if (Suite.of(suite).isEmpty()) {
                throw new IllegalArgumentException("minitls does not implement the cipher suite " + suite);
            }
        }
        for (NamedGroup group : groups) {
            if (!group.equals(NamedGroup.X25519)) {
                throw new IllegalArgumentException("minitls does not implement the group " + group);
            }
        }
    }

    /** These settings with only {@code suite}. */
    public static Tls13Settings only(CipherSuite suite) {
        return new Tls13Settings(List.of(suite), DEFAULT.groups());
    }

    /**
     * A cipher suite minitls implements, with the AEAD that protects its records and the hash of its key schedule
     * (public for tools that derive a suite's record keys from a key log, such as {@code minitls decode}).
     */
    public record Suite(CipherSuite suite, AeadAlgorithm aead, HashAlgorithm hash) {

        private static final List<Suite> IMPLEMENTED = List.of(
                new Suite(CipherSuite.TLS_AES_128_GCM_SHA256, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
                new Suite(CipherSuite.TLS_AES_256_GCM_SHA384, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
                new Suite(CipherSuite.TLS_CHACHA20_POLY1305_SHA256, AeadAlgorithm.CHACHA20_POLY1305,
                        HashAlgorithm.SHA256));

        public static Optional<Suite> of(CipherSuite suite) {
            return IMPLEMENTED.stream().filter(implemented -> implemented.suite().equals(suite)).findFirst();
        }
    }
}
