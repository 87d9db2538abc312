package dev.minitls.crypto.jca;

import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.SigningKey;
import java.math.BigInteger;
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
import java.util.Set;

/** Ed25519 (RFC 8032) through the JDK's {@code Ed25519} signature, on raw 32-byte keys. */
final class Ed25519 {

    private static final String ALGORITHM = "Ed25519";
    private static final int KEY_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;
    /** The field's prime, p = 2^255 - 19. */
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** One y of the two points of order 8; the other is p minus it. */
    private static final BigInteger Y_ORDER_8 =
            new BigInteger("7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7", 16);
    /** The y coordinates of the points of small order: 1 (the identity), p - 1 (order 2), 0 (order 4), order 8. */
    private static final Set<BigInteger> SMALL_ORDER_Y =
            Set.of(BigInteger.ONE, P.subtract(BigInteger.ONE), BigInteger.ZERO, Y_ORDER_8, P.subtract(Y_ORDER_8));

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
     * Verifies a signature; {@code false} for anything that is not a valid one. The checks on the inputs come first,
     * for what JDK 17 would accept: a valid signature followed by extra bytes, and a public key of small order or
     * with a non-canonical y, under which the signature R = identity, S = 0 verifies for every message (Bouncy
     * Castle refuses those keys too).
     */
    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        BigInteger y = LittleEndian.withoutTopBit(publicKey);
        if (y.compareTo(P) >= 0 || SMALL_ORDER_Y.contains(y)) {
            return false;
        }
        Signature verifier = Jca.engine(ALGORITHM, Signature::getInstance);
        KeyFactory factory = Jca.engine(ALGORITHM, KeyFactory::getInstance);
        try {
            // RFC 8032, section 5.1.3: y little-endian in the low 255 bits, the parity of x in the top bit.
            EdECPoint point = new EdECPoint(LittleEndian.topBit(publicKey), y);
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
