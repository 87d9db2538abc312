package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.NamedGroup;
import java.util.List;
import java.util.Optional;

/**
 * What one side of a TLS 1.3 connection offers or accepts, in its order of preference: the client offers these
 * suites and groups in this order, the server picks the first of its own list that the client offers.
 *
 * @param suites among the three minitls implements
 * @param groups x25519 and secp256r1 (no repeats); a client sends a key share for its first one only; an empty
 *     list on a server refuses every client (a test uses it to see a HelloRetryRequest refused)
 */
public record Tls13Settings(List<CipherSuite> suites, List<NamedGroup> groups) {

    /** The three suites, AES-128-GCM (the one every TLS 1.3 peer has) first; x25519, then secp256r1. */
    public static final Tls13Settings DEFAULT = new Tls13Settings(List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256),
            List.of(NamedGroup.X25519, NamedGroup.SECP256R1));

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
            if (Group.of(group).isEmpty()) {
                throw new IllegalArgumentException("minitls does not implement the group " + group);
            }
        }
        if (suites.stream().distinct().count() != suites.size()) {
            throw new IllegalArgumentException("a cipher suite named twice in " + suites);
        }
        if (groups.stream().distinct().count() != groups.size()) {
            throw new IllegalArgumentException("a group named twice in " + groups);
        }
    }

    /** These settings with only {@code suite}. */
    public static Tls13Settings only(CipherSuite suite) {
        return new Tls13Settings(List.of(suite), DEFAULT.groups());
    }

    /** Every group minitls implements: x25519, secp256r1. */
    public static List<NamedGroup> implementedGroups() {
        return Group.IMPLEMENTED.stream().map(Group::named).toList();
    }

    /** Every cipher suite minitls implements, in {@link #DEFAULT}'s order. */
    public static List<CipherSuite> implementedSuites() {
        return Suite.IMPLEMENTED.stream().map(Suite::suite).toList();
    }

    /** These settings with {@code suites}, in this order of preference, instead. */
    public Tls13Settings withSuites(List<CipherSuite> suites) {
        return new Tls13Settings(suites, groups);
    }

    /** These settings with {@code groups}, in this order of preference, instead. */
    public Tls13Settings withGroups(List<NamedGroup> groups) {
        return new Tls13Settings(suites, groups);
    }

    /**
     * A key exchange group minitls implements, with the crypto port's group that computes it (RFC 8446 section
     * 4.2.8: an X25519 share is 32 bytes, a secp256r1 share the 65-byte uncompressed point).
     */
    record Group(NamedGroup named, KeyExchangeGroup exchange) {

        private static final int MAX_KEY_ATTEMPTS = 4;
        private static final List<Group> IMPLEMENTED = List.of(
                new Group(NamedGroup.X25519, KeyExchangeGroup.X25519),
                new Group(NamedGroup.SECP256R1, KeyExchangeGroup.SECP256R1));

        static Optional<Group> of(NamedGroup group) {
            return IMPLEMENTED.stream().filter(implemented -> implemented.named().equals(group)).findFirst();
        }

        /** An ephemeral private key and its key share entry. */
        record KeyPair(byte[] privateKey, Extension.KeyShareEntry share) {
        }

        /**
         * A fresh key pair in this group. Random bytes that are no secp256r1 scalar (0, or n or more: a chance
         * below 2^-32) are drawn again, a few times at most.
         */
        KeyPair generate(CryptoProvider crypto, RandomSource random) {
            for (int attempt = 1; ; attempt++) {
                byte[] privateKey = random.nextBytes(exchange.privateKeyLength());
                try {
                    return new KeyPair(privateKey, new Extension.KeyShareEntry(named,
                            crypto.keyShare(exchange, privateKey)));
                } catch (CryptoException e) {
                    if (e.kind() != CryptoException.Kind.INVALID_KEY || attempt == MAX_KEY_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }

        /**
         * The shared secret with the peer's share: one of the wrong length, a secp256r1 point that is compressed,
         * off the curve or the identity, or an X25519 share giving an all-zero secret is {@code illegal_parameter}.
         */
        byte[] agree(CryptoProvider crypto, byte[] privateKey, byte[] peerShare) {
            if (peerShare.length != exchange.keyShareLength()) {
                throw new ProtocolException(Failure.BAD_KEY_SHARE, "a " + named + " key share of " + peerShare.length
                        + " bytes, not " + exchange.keyShareLength());
            }
            try {
                return crypto.agree(exchange, privateKey, peerShare);
            } catch (CryptoException e) {
                throw new ProtocolException(Failure.BAD_KEY_SHARE, "the peer's " + named + " key share is refused: "
                        + PeerText.quote(String.valueOf(e.getMessage())));
            }
        }
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
