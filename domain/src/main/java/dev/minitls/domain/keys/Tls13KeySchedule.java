package dev.minitls.domain.keys;

import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The TLS 1.3 key schedule (RFC 8446 section 7.1) with the cipher suite's hash: SHA-256 (protocol v2,
 * TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256) or SHA-384 (TLS_AES_256_GCM_SHA384); every secret is as long
 * as that hash. Each stage is a type that can only derive what that stage of the handshake knows:
 *
 * <pre>
 *   EarlySecret    = HKDF-Extract(salt 0, IKM 0)                    (no pre-shared key; 0 = hash length zeros)
 *        |  Derive-Secret(., "derived", "")
 *   HandshakeSecret = HKDF-Extract(salt, X25519 shared secret)
 *        |-- "c hs traffic" / "s hs traffic" over ClientHello..ServerHello
 *        |  Derive-Secret(., "derived", "")
 *   MasterSecret    = HKDF-Extract(salt, 0)
 *        |-- "c ap traffic" / "s ap traffic" over ClientHello..server Finished
 *        |-- "exp master" over ClientHello..server Finished (the exporter master secret: a key log names it)
 * </pre>
 *
 * Every label goes through one {@link #expandLabel} with the {@code "tls13 "} prefix. Each stage's secret is the
 * array the provider returned, owned by its {@link Secret}; the copies a derivation makes are wiped after it.
 */
public final class Tls13KeySchedule {

    /** Protocol v2's record key length: AES-256-GCM's. */
    public static final int KEY_LENGTH = AeadAlgorithm.AES_256_GCM.keyLength();
    /** The AEAD nonce (and IV) length. */
    public static final int IV_LENGTH = 12;

    private static final String LABEL_PREFIX = "tls13 ";

    private final CryptoProvider crypto;
    private final HashAlgorithm hash;
    private final byte[] zeros;
    private final byte[] emptyHash;

    /** @param hash the cipher suite's hash: SHA-256 for protocol v2 */
    public Tls13KeySchedule(CryptoProvider crypto, HashAlgorithm hash) {
        this.crypto = crypto;
        this.hash = hash;
        this.zeros = new byte[hash.length()];
        this.emptyHash = crypto.hash(hash).digestSoFar();
    }

    /** The first stage, without a pre-shared key. */
    public EarlySecret earlySecret() {
        return new EarlySecret(crypto.hkdfExtract(hash, zeros, zeros));
    }

    /**
     * HKDF-Expand-Label: HKDF-Expand(secret, HkdfLabel, length) where HkdfLabel is the 2-byte length, the label
     * {@code "tls13 " + label} with a 1-byte length, and the context with a 1-byte length.
     */
    public byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = (LABEL_PREFIX + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream info = new ByteArrayOutputStream(4 + fullLabel.length + context.length);
        info.write(length >>> 8);
        info.write(length);
        info.write(fullLabel.length);
        info.writeBytes(fullLabel);
        info.write(context.length);
        info.writeBytes(context);
        return crypto.hkdfExpand(hash, secret, info.toByteArray(), length);
    }

    /** {@link #expandLabel} over a secret's bytes, leaving no copy of them behind. */
    private byte[] expandLabel(Secret secret, String label, byte[] context, int length) {
        byte[] bytes = secret.bytes();
        try {
            return expandLabel(bytes, label, context, length);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Derive-Secret: HKDF-Expand-Label(secret, label, transcript hash, hash length). */
    private byte[] deriveSecret(Secret secret, String label, byte[] transcriptHash) {
        return expandLabel(secret, label, transcriptHash, hash.length());
    }

    /** HKDF-Extract(salt = Derive-Secret(secret, "derived", ""), ikm): the next stage's secret; the salt is wiped. */
    private byte[] nextStage(Secret secret, byte[] ikm) {
        byte[] salt = deriveSecret(secret, "derived", emptyHash);
        try {
            return crypto.hkdfExtract(hash, salt, ikm);
        } finally {
            Arrays.fill(salt, (byte) 0);
        }
    }

    /** Stage one: before the key exchange. */
    public final class EarlySecret {
        private final Secret secret;

        private EarlySecret(byte[] secret) {
            this.secret = Secret.owning(secret);
        }

        public Secret secret() {
            return secret;
        }

        /** Mixes in the X25519 shared secret. */
        public HandshakeSecret handshakeSecret(byte[] sharedSecret) {
            return new HandshakeSecret(nextStage(secret, sharedSecret));
        }
    }

    /** Stage two: after the key exchange; protects the rest of the handshake. */
    public final class HandshakeSecret {
        private final Secret secret;

        private HandshakeSecret(byte[] secret) {
            this.secret = Secret.owning(secret);
        }

        public Secret secret() {
            return secret;
        }

        /** {@code client_handshake_traffic_secret}, over the transcript ClientHello..ServerHello. */
        public TrafficSecret clientHandshakeTrafficSecret(byte[] transcriptHash) {
            return new TrafficSecret(deriveSecret(secret, "c hs traffic", transcriptHash));
        }

        /** {@code server_handshake_traffic_secret}, over the transcript ClientHello..ServerHello. */
        public TrafficSecret serverHandshakeTrafficSecret(byte[] transcriptHash) {
            return new TrafficSecret(deriveSecret(secret, "s hs traffic", transcriptHash));
        }

        public MasterSecret masterSecret() {
            return new MasterSecret(nextStage(secret, zeros));
        }
    }

    /** Stage three: the secrets of the application data. */
    public final class MasterSecret {
        private final Secret secret;

        private MasterSecret(byte[] secret) {
            this.secret = Secret.owning(secret);
        }

        public Secret secret() {
            return secret;
        }

        /** {@code client_application_traffic_secret_0}, over the transcript ClientHello..server Finished. */
        public TrafficSecret clientApplicationTrafficSecret(byte[] transcriptHash) {
            return new TrafficSecret(deriveSecret(secret, "c ap traffic", transcriptHash));
        }

        /** {@code server_application_traffic_secret_0}, over the transcript ClientHello..server Finished. */
        public TrafficSecret serverApplicationTrafficSecret(byte[] transcriptHash) {
            return new TrafficSecret(deriveSecret(secret, "s ap traffic", transcriptHash));
        }

        /**
         * {@code exporter_master_secret}, over the transcript ClientHello..server Finished. minitls exports no
         * keying material (RFC 8446 section 7.5); it derives this secret for the key log's {@code EXPORTER_SECRET}.
         */
        public Secret exporterMasterSecret(byte[] transcriptHash) {
            return Secret.owning(deriveSecret(secret, "exp master", transcriptHash));
        }
    }

    /** A traffic secret of one direction, and what is expanded from it. */
    public final class TrafficSecret {
        private final Secret secret;

        private TrafficSecret(byte[] secret) {
            this.secret = Secret.owning(secret);
        }

        public Secret secret() {
            return secret;
        }

        /** The record key ({@code "key"}, {@code keyLength} bytes) and IV ({@code "iv"}, 12 bytes). */
        public TrafficKeys trafficKeys(int keyLength) {
            return new TrafficKeys(Secret.owning(expandLabel(secret, "key", new byte[0], keyLength)),
                    Secret.owning(expandLabel(secret, "iv", new byte[0], IV_LENGTH)));
        }

        /** The next traffic secret of this direction, after a KeyUpdate ({@code "traffic upd"}, section 7.2). */
        public TrafficSecret next() {
            return new TrafficSecret(expandLabel(secret, "traffic upd", new byte[0], hash.length()));
        }

        /** The key of this direction's Finished MAC ({@code "finished"}). */
        public Secret finishedKey() {
            return Secret.owning(expandLabel(secret, "finished", new byte[0], hash.length()));
        }
    }
}
