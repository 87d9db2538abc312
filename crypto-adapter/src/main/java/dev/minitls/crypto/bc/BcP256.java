package dev.minitls.crypto.bc;

import dev.minitls.crypto.keys.EcdsaSignature;
import dev.minitls.crypto.keys.KeyHandle;
import dev.minitls.crypto.keys.KeyInfo;
import dev.minitls.crypto.keys.P256;
import dev.minitls.domain.port.SigningKey;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * ECDH and ECDSA on P-256 with Bouncy Castle's constant-time custom curve. Points and scalars reach it already
 * checked ({@link P256}); Bouncy Castle checks the point again when it makes a public key.
 */
final class BcP256 {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);

    private BcP256() {
    }

    /** d * G, uncompressed. */
    static byte[] keyShare(byte[] privateKey) {
        return point(publicKey(P256.scalar(privateKey))).encoded();
    }

    /** ECDH: the X of d * Q. */
    static byte[] agree(byte[] privateKey, byte[] peerKeyShare) {
        BigInteger d = P256.scalar(privateKey);
        ECPublicKeyParameters peer = publicKey(P256.point(peerKeyShare));
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(new ECPrivateKeyParameters(d, DOMAIN));
        return P256.fixed(agreement.calculateAgreement(peer));
    }

    /** ECDSA P-256 SHA-256 verification of a strict DER signature. */
    static boolean verify(KeyInfo.EcPublicKey key, byte[] message, byte[] signature) {
        return EcdsaSignature.read(signature).map(rs -> {
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, publicKey(key.point()));
            return verifier.verifySignature(sha256(message), rs.r(), rs.s());
        }).orElse(false);
    }

    /** A signing key for a checked scalar, refused when the key's encoding claims another public key. */
    static SigningKey signingKey(KeyInfo.EcPrivateKey key) {
        P256.Point publicKey = point(publicKey(key.scalar()));
        key.requireClaimOf(publicKey);
        return new EcdsaKey(new ECPrivateKeyParameters(key.scalar(), DOMAIN), KeyInfo.encode(publicKey));
    }

    private static ECPublicKeyParameters publicKey(BigInteger d) {
        return new ECPublicKeyParameters(new FixedPointCombMultiplier().multiply(DOMAIN.getG(), d).normalize(),
                DOMAIN);
    }

    private static ECPublicKeyParameters publicKey(P256.Point point) {
        return new ECPublicKeyParameters(CURVE.getCurve().validatePoint(point.x(), point.y()), DOMAIN);
    }

    private static P256.Point point(ECPublicKeyParameters key) {
        ECPoint q = key.getQ();
        return new P256.Point(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    private static byte[] sha256(byte[] message) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(message, 0, message.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }

    /** A P-256 private key; deterministic signatures (RFC 6979). Thread-safe; shows no key bytes. */
    private static final class EcdsaKey extends KeyHandle {

        private final ECPrivateKeyParameters privateKey;

        EcdsaKey(ECPrivateKeyParameters privateKey, byte[] publicKey) {
            super(publicKey, KeyHandle.ECDSA_P256, "ECDSA P-256");
            this.privateKey = privateKey;
        }

        @Override
        public byte[] sign(byte[] message) {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, privateKey);
            BigInteger[] rs = signer.generateSignature(sha256(message));
            return new EcdsaSignature(rs[0], rs[1]).encoded();
        }
    }
}
