package dev.minitls.testing;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A deterministic crypto double for state-machine tests. IT PROVIDES NO SECURITY: its "signatures" can be forged by
 * anyone who knows the public key, its "X25519" is textbook Diffie-Hellman, its "AEAD" a hash-based toy. It behaves
 * like the real thing where the protocol can tell (agreement is symmetric, a changed byte breaks a signature, a MAC
 * or a tag, a repeated nonce is refused), so domain tests need no crypto library. Only the hashes (SHA-256, SHA-384)
 * are real, because the transcript's values matter; the toy MACs and HKDF have the real output lengths.
 * Certificates are the text format of {@link TestCertificates}.
 *
 * <p>Not final: a test overrides one primitive to model a provider that breaks the port's contract.
 */
public class InsecureTestCrypto implements CryptoProvider {

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger G = BigInteger.TWO;

    @Override
    public String name() {
        return "insecure-test";
    }

    @Override
    public HashContext hash(HashAlgorithm algorithm) {
        MessageDigest digest = newDigest(algorithm);
        return new HashContext() {
            @Override
            public void update(byte[] data) {
                digest.update(data);
            }

            @Override
            public byte[] digestSoFar() {
                try {
                    return ((MessageDigest) digest.clone()).digest();
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    @Override
    public byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[] data) {
        return hash(algorithm, "mac", key, data);
    }

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
        return hash(algorithm, "extract", salt, ikm);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
        if (length < 0 || length > algorithm.maxHkdfLength()) {
            throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT, "bad length " + length);
        }
        int n = algorithm.length();
        byte[] out = new byte[length];
        for (int block = 0; block * n < length; block++) {
            byte[] t = hash(algorithm, "expand", prk, info, new byte[] {(byte) block});
            System.arraycopy(t, 0, out, block * n, Math.min(n, length - block * n));
        }
        return out;
    }

    @Override
    public byte[] x25519PublicKey(byte[] privateKey) {
        requireLength(privateKey, 32);
        return fixed32(G.modPow(new BigInteger(1, privateKey), P));
    }

    @Override
    public byte[] x25519(byte[] privateKey, byte[] peerPublicKey) {
        requireLength(privateKey, 32);
        requireLength(peerPublicKey, 32);
        byte[] shared = fixed32(new BigInteger(1, peerPublicKey).modPow(new BigInteger(1, privateKey), P));
        if (Bytes.isAllZero(shared)) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY, "all-zero shared secret");
        }
        return shared;
    }

    /** X25519 as its textbook stand-in; secp256r1 as textbook ECDH on the real curve ({@link TextbookP256}). */
    @Override
    public byte[] keyShare(KeyExchangeGroup group, byte[] privateKey) {
        return group == KeyExchangeGroup.SECP256R1 ? TextbookP256.keyShare(privateKey) : x25519PublicKey(privateKey);
    }

    @Override
    public byte[] agree(KeyExchangeGroup group, byte[] privateKey, byte[] peerKeyShare) {
        return group == KeyExchangeGroup.SECP256R1
                ? TextbookP256.agree(privateKey, peerKeyShare) : x25519(privateKey, peerKeyShare);
    }

    /**
     * Its stand-in for Ed25519 ({@link #ed25519Verify}), and for the other algorithms the toy signatures of
     * {@link #signingKey(byte[], List)}, each bound to its algorithm.
     */
    @Override
    public boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature) {
        if (algorithm == SignatureAlgorithm.ED25519) {
            return ed25519Verify(publicKey, message, signature);
        }
        return publicKey.length == 32
                && Bytes.constantTimeEquals(signature(publicKey, tagged(algorithm, message)), signature);
    }

    /**
     * A toy signing key of another kind than Ed25519 (an ECDSA P-256 or RSA key's stand-in): it signs with each of
     * {@code algorithms}, the first by default, a signature that {@link #verify} takes for that algorithm only.
     * Its public key is {@link #publicKeyOf}.
     */
    public static SigningKey signingKey(byte[] privateKey, List<SignatureAlgorithm> algorithms) {
        requireLength(privateKey, 32);
        byte[] publicKey = publicKeyOf(privateKey);
        return new SigningKey() {
            @Override
            public byte[] publicKey() {
                return publicKey.clone();
            }

            @Override
            public List<SignatureAlgorithm> algorithms() {
                return List.copyOf(algorithms);
            }

            @Override
            public byte[] sign(byte[] message) {
                return sign(algorithms.get(0), message);
            }

            @Override
            public byte[] sign(SignatureAlgorithm algorithm, byte[] message) {
                if (!algorithms.contains(algorithm)) {
                    throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT, "not this key's " + algorithm);
                }
                return signature(publicKey, tagged(algorithm, message));
            }
        };
    }

    private static byte[] tagged(SignatureAlgorithm algorithm, byte[] message) {
        byte[] name = algorithm.name().getBytes(StandardCharsets.US_ASCII);
        byte[] tagged = Arrays.copyOf(name, name.length + 1 + message.length);
        System.arraycopy(message, 0, tagged, name.length + 1, message.length);
        return tagged;
    }

    @Override
    public SigningKey ed25519SigningKey(byte[] privateKey) {
        requireLength(privateKey, 32);
        byte[] publicKey = publicKeyOf(privateKey);
        return new SigningKey() {
            @Override
            public byte[] publicKey() {
                return publicKey.clone();
            }

            @Override
            public byte[] sign(byte[] message) {
                return signature(publicKey, message);
            }
        };
    }

    /** The 32-byte test key in the PKCS#8 version 1 layout of an Ed25519 key (RFC 8410); nothing else is read. */
    @Override
    public SigningKey signingKey(byte[] pkcs8) {
        byte[] prefix = java.util.HexFormat.of().parseHex("302e020100300506032b657004220420");
        if (pkcs8.length != prefix.length + 32 || !Arrays.equals(pkcs8, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new CryptoException(CryptoException.Kind.MALFORMED, "not an Ed25519 PKCS#8 key");
        }
        return ed25519SigningKey(Arrays.copyOfRange(pkcs8, prefix.length, pkcs8.length));
    }

    /** The "public key" of a test signing key. */
    public static byte[] publicKeyOf(byte[] privateKey) {
        return hash("public", privateKey);
    }

    @Override
    public boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature) {
        return publicKey.length == 32 && Bytes.constantTimeEquals(signature(publicKey, message), signature);
    }

    static byte[] signature(byte[] publicKey, byte[] message) {
        byte[] signature = Arrays.copyOf(hash("sig1", publicKey, message), 64);
        System.arraycopy(hash("sig2", publicKey, message), 0, signature, 32, 32);
        return signature;
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] callersKey) {
        requireLength(callersKey, algorithm.keyLength());
        byte[] key = callersKey.clone();
        Set<String> sealedNonces = new HashSet<>();
        return new Aead() {
            private boolean destroyed;

            @Override
            public synchronized byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
                live();
                if (!sealedNonces.add(Bytes.hex(nonce))) {
                    throw new CryptoException(CryptoException.Kind.NONCE_REUSED, "nonce sealed with before");
                }
                byte[] out = Arrays.copyOf(keystreamXor(key, nonce, plaintext), plaintext.length + TAG_LENGTH);
                byte[] tag = tag(key, nonce, associatedData, Arrays.copyOf(out, plaintext.length));
                System.arraycopy(tag, 0, out, plaintext.length, TAG_LENGTH);
                return out;
            }

            @Override
            public synchronized byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
                live();
                if (ciphertextAndTag.length < TAG_LENGTH) {
                    throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, "too short");
                }
                int n = ciphertextAndTag.length - TAG_LENGTH;
                byte[] ciphertext = Arrays.copyOf(ciphertextAndTag, n);
                byte[] tag = Arrays.copyOfRange(ciphertextAndTag, n, ciphertextAndTag.length);
                if (!Bytes.constantTimeEquals(tag(key, nonce, associatedData, ciphertext), tag)) {
                    throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, "bad tag");
                }
                return keystreamXor(key, nonce, ciphertext);
            }

            @Override
            public synchronized void destroy() {
                Arrays.fill(key, (byte) 0);
                destroyed = true;
            }

            private void live() {
                if (destroyed) {
                    throw new IllegalStateException("this AEAD was destroyed");
                }
            }
        };
    }

    @Override
    public Certificate parseCertificate(byte[] der) {
        return TestCertificates.parse(der);
    }

    private static byte[] tag(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext) {
        return Arrays.copyOf(hash("tag", key, nonce, associatedData, ciphertext), Aead.TAG_LENGTH);
    }

    private static byte[] keystreamXor(byte[] key, byte[] nonce, byte[] input) {
        byte[] out = new byte[input.length];
        for (int block = 0; block * 32 < input.length; block++) {
            byte[] stream = hash("stream", key, nonce, BigInteger.valueOf(block).toByteArray());
            for (int i = 0; i < 32 && block * 32 + i < input.length; i++) {
                out[block * 32 + i] = (byte) (input[block * 32 + i] ^ stream[i]);
            }
        }
        return out;
    }

    /** SHA-256 over a domain label and length-prefixed parts. */
    static byte[] hash(String label, byte[]... parts) {
        return hash(HashAlgorithm.SHA256, label, parts);
    }

    private static byte[] hash(HashAlgorithm algorithm, String label, byte[]... parts) {
        MessageDigest digest = newDigest(algorithm);
        digest.update(label.getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            digest.update(BigInteger.valueOf(part.length).toByteArray());
            digest.update(part);
        }
        return digest.digest();
    }

    private static MessageDigest newDigest(HashAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.toString());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code value} as 32 big-endian bytes (for values below 2^256). */
    static byte[] fixed32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private static void requireLength(byte[] key, int length) {
        if (key.length != length) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    "key of " + key.length + " bytes, expected " + length);
        }
    }
}
