package dev.minitls.crypto.jca;

import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.SigningKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/** Ed25519 (RFC 8032) through the JDK's {@code Ed25519} signature, on raw 32-byte keys. */
final class Ed25519 {

    private static final String ALGORITHM = "Ed25519";
    private static final int KEY_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {
    }

    /**
     * A signing key from its 32-byte seed. JDK 17 has no public way to compute the public key of a private key,
     * but its key pair generator takes the private key as the next 32 random bytes: it is handed a source of
     * randomness that returns the seed.
     */
    static SigningKey signingKey(byte[] seed) {
        if (seed.length != KEY_LENGTH) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    "Ed25519 private key must be " + KEY_LENGTH + " bytes, got " + seed.length);
        }
        KeyPairGenerator generator = Jca.engine(ALGORITHM, KeyPairGenerator::getInstance);
        try {
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandomness(seed.clone()));
        } catch (GeneralSecurityException e) {
            throw Jca.fault("Ed25519 key setup", e);
        }
        KeyPair pair = generator.generateKeyPair();
        byte[] publicKey = Ed25519SubjectPublicKeyInfo.rawKey(pair.getPublic().getEncoded())
                .orElseThrow(() -> new IllegalStateException("the JDK encoded an Ed25519 public key unexpectedly"));
        return new JcaSigningKey(pair.getPrivate(), publicKey);
    }

    /**
     * Verifies a signature; {@code false} for anything that is not a valid one. The length checks come first:
     * JDK 17 accepts a valid signature followed by extra bytes.
     */
    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Signature verifier = Jca.engine(ALGORITHM, Signature::getInstance);
        KeyFactory factory = Jca.engine(ALGORITHM, KeyFactory::getInstance);
        try {
            // RFC 8032, section 5.1.3: y little-endian in the low 255 bits, the parity of x in the top bit.
            EdECPoint point = new EdECPoint(LittleEndian.topBit(publicKey), LittleEndian.withoutTopBit(publicKey));
            PublicKey key = factory.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** An Ed25519 private key held by the JDK; thread-safe. */
    private static final class JcaSigningKey implements SigningKey {

        private final PrivateKey privateKey;
        private final byte[] publicKey;

        JcaSigningKey(PrivateKey privateKey, byte[] publicKey) {
            this.privateKey = privateKey;
            this.publicKey = publicKey;
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] sign(byte[] message) {
            Signature signer = Jca.engine(ALGORITHM, Signature::getInstance);
            try {
                signer.initSign(privateKey);
                signer.update(message);
                return signer.sign();
            } catch (GeneralSecurityException e) {
                throw Jca.fault("Ed25519 signing", e);
            }
        }
    }

    /** Randomness that yields one given seed: the key pair generator's private key. */
    private static final class SeedAsRandomness extends SecureRandom {

        private final byte[] seed;

        SeedAsRandomness(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
