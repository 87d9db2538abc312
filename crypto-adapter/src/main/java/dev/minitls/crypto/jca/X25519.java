package dev.minitls.crypto.jca;

import dev.minitls.domain.port.CryptoException;

import javax.crypto.KeyAgreement;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;

/** X25519 (RFC 7748) through the JDK's {@code XDH} key agreement, on raw 32-byte keys. */
final class X25519 {

    private static final int KEY_LENGTH = 32;
    private static final byte[] BASE_POINT = basePoint();

    private X25519() {
    }

    /** X25519(k, 9). */
    static byte[] publicKey(byte[] privateKey) {
        return agree(privateKey, BASE_POINT);
    }

    /**
     * X25519(k, u). The JDK clamps the scalar, reduces a non-canonical u modulo p and refuses a result of all
     * zeros with an {@link InvalidKeyException}, which becomes {@code INVALID_KEY} here.
     */
    static byte[] agree(byte[] privateKey, byte[] peerPublicKey) {
        requireLength("private", privateKey);
        requireLength("public", peerPublicKey);
        KeyFactory factory = Jca.engine("X25519", KeyFactory::getInstance);
        KeyAgreement agreement = Jca.engine("X25519", KeyAgreement::getInstance);
        PrivateKey own;
        PublicKey peer;
        try {
            own = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.clone()));
            // RFC 7748, section 5: the top bit of the u-coordinate is masked, not rejected.
            BigInteger u = LittleEndian.withoutTopBit(peerPublicKey);
            peer = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            agreement.init(own);
        } catch (InvalidKeySpecException | InvalidKeyException e) {
            throw Jca.fault("X25519 key setup", e);
        }
        try {
            agreement.doPhase(peer, true);
        } catch (InvalidKeyException e) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    "X25519 shared secret is all zero: the peer key is a low-order point", e);
        }
        return agreement.generateSecret();
    }

    private static void requireLength(String which, byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    "X25519 " + which + " key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
    }

    private static byte[] basePoint() {
        byte[] u = new byte[KEY_LENGTH];
        u[0] = 9;
        return u;
    }
}
