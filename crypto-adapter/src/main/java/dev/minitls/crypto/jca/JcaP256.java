package dev.minitls.crypto.jca;

import dev.minitls.crypto.keys.EcdsaSignature;
import dev.minitls.crypto.keys.KeyHandle;
import dev.minitls.crypto.keys.KeyInfo;
import dev.minitls.crypto.keys.P256;
import dev.minitls.domain.port.SigningKey;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidParameterSpecException;
import javax.crypto.KeyAgreement;

/**
 * ECDH and ECDSA on P-256 through the JDK's SunEC ({@code ECDH}, {@code SHA256withECDSA}). Points and scalars reach
 * it already checked ({@link P256}).
 *
 * <p>JDK 17 has no public way to compute d * G, which a key share and a signing key's public key need. ECDH with G
 * gives its X; of the two points with that X, d * G is the one that, added to G, has the X of (d + 1) * G, which a
 * second ECDH gives. The addition is on public points.
 */
final class JcaP256 {

    private static final ECParameterSpec CURVE = curve();
    private static final String ECDSA = "SHA256withECDSA";

    private JcaP256() {
    }

    static byte[] keyShare(byte[] privateKey) {
        return publicKey(P256.scalar(privateKey)).encoded();
    }

    static byte[] agree(byte[] privateKey, byte[] peerKeyShare) {
        return agree(P256.scalar(privateKey), P256.point(peerKeyShare));
    }

    /**
     * Verification of a strict DER signature. JDK 17's SunEC refuses the valid signatures whose u1 * G + u2 * Q has
     * an X of n or more (Wycheproof's "k*G has a large x-coordinate", tcId 350 and 479; about one in 2^128 of real
     * signatures): the contract test names them; {@code fast} takes ECDSA from Bouncy Castle, which accepts them.
     */
    static boolean verify(KeyInfo.EcPublicKey key, byte[] message, byte[] signature) {
        return EcdsaSignature.read(signature).isPresent() && jdkVerify(key, message, signature);
    }

    private static boolean jdkVerify(KeyInfo.EcPublicKey key, byte[] message, byte[] signature) {
        Signature verifier = Jca.engine(ECDSA, Signature::getInstance);
        try {
            verifier.initVerify(publicKey(key.point()));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static SigningKey signingKey(KeyInfo.EcPrivateKey key) {
        P256.Point publicKey = publicKey(key.scalar());
        key.requireClaimOf(publicKey);
        return new EcdsaKey(privateKey(key.scalar()), KeyInfo.encode(publicKey));
    }

    private static byte[] agree(BigInteger d, P256.Point peer) {
        KeyAgreement agreement = Jca.engine("ECDH", KeyAgreement::getInstance);
        try {
            agreement.init(privateKey(d));
            agreement.doPhase(publicKey(peer), true);
        } catch (GeneralSecurityException e) {
            throw Jca.fault("ECDH on checked P-256 keys", e);
        }
        return agreement.generateSecret();
    }

    /** d * G: see the class comment. */
    private static P256.Point publicKey(BigInteger d) {
        P256.Point g = P256.generator();
        if (d.equals(BigInteger.ONE)) {
            return g;
        }
        if (d.equals(P256.N.subtract(BigInteger.ONE))) {
            return new P256.Point(g.x(), P256.P.subtract(g.y()));
        }
        BigInteger x = new BigInteger(1, agree(d, g));
        BigInteger nextX = new BigInteger(1, agree(d.add(BigInteger.ONE), g));
        return P256.withX(x, candidate -> P256.sumX(candidate, g).equals(nextX));
    }

    private static PrivateKey privateKey(BigInteger d) {
        try {
            return Jca.engine("EC", KeyFactory::getInstance).generatePrivate(new ECPrivateKeySpec(d, CURVE));
        } catch (GeneralSecurityException e) {
            throw Jca.fault("P-256 private key setup", e);
        }
    }

    private static PublicKey publicKey(P256.Point point) throws GeneralSecurityException {
        return Jca.engine("EC", KeyFactory::getInstance)
                .generatePublic(new ECPublicKeySpec(new ECPoint(point.x(), point.y()), CURVE));
    }

    private static ECParameterSpec curve() {
        try {
            AlgorithmParameters parameters = Jca.engine("EC", AlgorithmParameters::getInstance);
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (InvalidParameterSpecException e) {
            throw new IllegalStateException("the JDK has no secp256r1", e);
        }
    }

    /** A P-256 private key held by the JDK. Thread-safe; shows no key bytes. */
    private static final class EcdsaKey extends KeyHandle {

        private final PrivateKey privateKey;

        EcdsaKey(PrivateKey privateKey, byte[] publicKey) {
            super(publicKey, KeyHandle.ECDSA_P256, "ECDSA P-256");
            this.privateKey = privateKey;
        }

        @Override
        public byte[] sign(byte[] message) {
            Signature signer = Jca.engine(ECDSA, Signature::getInstance);
            try {
                signer.initSign(privateKey);
                signer.update(message);
                return signer.sign();
            } catch (GeneralSecurityException e) {
                throw Jca.fault("ECDSA signing", e);
            }
        }
    }
}
