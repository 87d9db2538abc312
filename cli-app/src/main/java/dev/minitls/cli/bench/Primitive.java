package dev.minitls.cli.bench;

import dev.minitls.cli.bench.Stopwatch.Operation;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;

/**
 * The primitives {@code minitls speed} measures, each on inputs of the sizes a handshake or a record uses. An
 * operation that produces a wrong answer (a valid signature that does not verify, a record that does not open)
 * stops the measurement: a fast wrong primitive is worth nothing.
 */
public enum Primitive {

    /** A fresh key pair's public half, then one agreement: what each side does once per handshake. */
    X25519("x25519", "X25519 keygen + agreement", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            byte[] peer = crypto.x25519PublicKey(in.privateKey(0));
            int[] next = {0};
            return () -> {
                byte[] privateKey = in.privateKey(next[0]++);
                return crypto.x25519PublicKey(privateKey)[0] + crypto.x25519(privateKey, peer)[0];
            };
        }
    },
    /** A signature over a v2 CertificateVerify's content (133 bytes). */
    ED25519_SIGN("ed25519-sign", "Ed25519 sign", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            SigningKey key = crypto.ed25519SigningKey(in.signingSeed());
            return () -> key.sign(in.signedContent())[0];
        }
    },
    /**
     * Verifying that signature, with the same key every time, as a client verifies with its trusted root's key on
     * every handshake (a provider may keep the decoded key).
     */
    ED25519_VERIFY("ed25519-verify", "Ed25519 verify", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            SigningKey key = crypto.ed25519SigningKey(in.signingSeed());
            byte[] publicKey = key.publicKey();
            byte[] signature = key.sign(in.signedContent());
            return () -> {
                if (!crypto.ed25519Verify(publicKey, in.signedContent(), signature)) {
                    throw new IllegalStateException(crypto.name() + " refused a valid Ed25519 signature");
                }
                return 1;
            };
        }
    },
    /** As {@link #X25519} on secp256r1: a key share, then one agreement (issue 13; no handshake uses it yet). */
    SECP256R1("secp256r1", "P-256 keygen + agreement", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            byte[] peer = crypto.keyShare(KeyExchangeGroup.SECP256R1, in.p256PrivateKey(0));
            int[] next = {0};
            return () -> {
                byte[] privateKey = in.p256PrivateKey(next[0]++);
                return crypto.keyShare(KeyExchangeGroup.SECP256R1, privateKey)[0]
                        + crypto.agree(KeyExchangeGroup.SECP256R1, privateKey, peer)[0];
            };
        }
    },
    /** An ECDSA P-256 SHA-256 signature over the same content as {@link #ED25519_SIGN}. */
    ECDSA_P256_SIGN("ecdsa-p256-sign", "ECDSA P-256 sign", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            SigningKey key = crypto.signingKey(in.p256Pkcs8());
            return () -> key.sign(in.signedContent())[0];
        }
    },
    /** Verifying that signature, with the same key every time. */
    ECDSA_P256_VERIFY("ecdsa-p256-verify", "ECDSA P-256 verify", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            SigningKey key = crypto.signingKey(in.p256Pkcs8());
            byte[] publicKey = key.publicKey();
            byte[] signature = key.sign(in.signedContent());
            return () -> {
                if (!crypto.verify(SignatureAlgorithm.ECDSA_SECP256R1_SHA256, publicKey, in.signedContent(),
                        signature)) {
                    throw new IllegalStateException(crypto.name() + " refused a valid ECDSA signature");
                }
                return 1;
            };
        }
    },
    /** An RSA-2048 RSASSA-PSS SHA-256 signature (rsa_pss_rsae_sha256) over the same content. */
    RSA_2048_SIGN("rsa-2048-sign", "RSA-2048 PSS sign", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            SigningKey key = crypto.signingKey(in.rsaPkcs8());
            return () -> key.sign(SignatureAlgorithm.RSA_PSS_RSAE_SHA256, in.signedContent())[0];
        }
    },
    /** Verifying that signature, with the same key every time. */
    RSA_2048_VERIFY("rsa-2048-verify", "RSA-2048 PSS verify", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            SigningKey key = crypto.signingKey(in.rsaPkcs8());
            byte[] publicKey = key.publicKey();
            byte[] signature = key.sign(SignatureAlgorithm.RSA_PSS_RSAE_SHA256, in.signedContent());
            return () -> {
                if (!crypto.verify(SignatureAlgorithm.RSA_PSS_RSAE_SHA256, publicKey, in.signedContent(),
                        signature)) {
                    throw new IllegalStateException(crypto.name() + " refused a valid RSA-PSS signature");
                }
                return 1;
            };
        }
    },
    AES_GCM_SEAL_1K("aes-256-gcm-seal", "AES-256-GCM seal 1 KiB", 1024) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            return seal(crypto, in, bytes());
        }
    },
    AES_GCM_OPEN_1K("aes-256-gcm-open", "AES-256-GCM open 1 KiB", 1024) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            return open(crypto, in, bytes());
        }
    },
    AES_GCM_SEAL_16K("aes-256-gcm-seal", "AES-256-GCM seal 16 KiB", 16 * 1024) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            return seal(crypto, in, bytes());
        }
    },
    AES_GCM_OPEN_16K("aes-256-gcm-open", "AES-256-GCM open 16 KiB", 16 * 1024) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            return open(crypto, in, bytes());
        }
    },
    /** HKDF-Extract then one HKDF-Expand to 32 bytes, as one step of a key schedule. */
    HKDF("hkdf", "HKDF extract + expand 32 B", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            byte[] salt = in.bytes(32);
            byte[] ikm = in.bytes(32);
            byte[] info = in.bytes(20);
            return () -> crypto.hkdfExpand(HashAlgorithm.SHA256,
                    crypto.hkdfExtract(HashAlgorithm.SHA256, salt, ikm), info, 32)[0];
        }
    },
    /** A Finished MAC: HMAC-SHA256 of a 32-byte transcript hash. */
    HMAC("hmac-sha256", "HMAC-SHA256 32 B", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            byte[] key = in.bytes(32);
            byte[] data = in.bytes(32);
            return () -> crypto.hmac(HashAlgorithm.SHA256, key, data)[0];
        }
    },
    /** A fresh context, 1 KiB in, the digest out. */
    SHA256("sha256", "SHA-256 1 KiB", 1024) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            byte[] data = in.bytes(bytes());
            return () -> {
                HashContext hash = crypto.hash(HashAlgorithm.SHA256);
                hash.update(data);
                return hash.digestSoFar()[0];
            };
        }
    },
    /**
     * A server certificate from PEM (armour off, then DER), every field: what a client does when it meets a server's
     * certificate for the first time. Each operation parses another of many, as a provider keeps the certificates
     * it parsed lately, and a certificate seen again costs a lookup and a copy.
     */
    X509_PARSE("x509-parse", "X.509 parse (PEM)", 0) {
        @Override
        Operation prepare(CryptoProvider crypto, SpeedInputs in) {
            int[] next = {0};
            return () -> crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, in.certificatePem(next[0]++))).der()
                    .length;
        }
    };

    private final String id;
    private final String label;
    private final int bytes;

    Primitive(String id, String label, int bytes) {
        this.id = id;
        this.label = label;
        this.bytes = bytes;
    }

    /** The name in JSON output, e.g. {@code aes-256-gcm-seal}; with {@link #bytes()} it names one figure. */
    public String id() {
        return id;
    }

    /** The row title in the table. */
    public String label() {
        return label;
    }

    /** Bytes per operation for throughput figures, 0 for the others. */
    public int bytes() {
        return bytes;
    }

    /** An operation on {@code crypto} with its inputs already made, so that only the primitive is timed. */
    abstract Operation prepare(CryptoProvider crypto, SpeedInputs in);

    private static Operation seal(CryptoProvider crypto, SpeedInputs in, int size) {
        Aead aead = crypto.aead(AeadAlgorithm.AES_256_GCM, in.bytes(32));
        byte[] plaintext = in.bytes(size);
        byte[] associatedData = in.bytes(11);
        long[] sequence = {0};
        // A new nonce for every record, as a record layer does: GCM must never reuse one under a key.
        return () -> aead.seal(in.nonce(sequence[0]++), associatedData, plaintext)[0];
    }

    private static Operation open(CryptoProvider crypto, SpeedInputs in, int size) {
        Aead aead = crypto.aead(AeadAlgorithm.AES_256_GCM, in.bytes(32));
        byte[] associatedData = in.bytes(11);
        byte[] nonce = in.nonce(0);
        byte[] sealed = aead.seal(nonce, associatedData, in.bytes(size));
        return () -> aead.open(nonce, associatedData, sealed).length;
    }
}
