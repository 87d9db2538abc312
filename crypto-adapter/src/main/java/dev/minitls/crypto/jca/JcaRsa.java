package dev.minitls.crypto.jca;

import dev.minitls.crypto.keys.KeyHandle;
import dev.minitls.crypto.keys.KeyInfo;
import dev.minitls.crypto.keys.RsaPadding;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import javax.crypto.Cipher;

/**
 * RSA-PSS (rsae, SHA-256/384/512, MGF1 with the same hash, salt as long as the hash) and RSA PKCS#1 v1.5 with
 * SHA-256 through the JDK ({@code RSASSA-PSS}, {@code RSA/ECB/NoPadding}); keys reach it already checked
 * ({@link KeyInfo}: 2048 to 8192 bits).
 */
final class JcaRsa {

    private JcaRsa() {
    }

    /** Verification; a signature that is not exactly the modulus's length is false, as on every provider. */
    static boolean verify(SignatureAlgorithm algorithm, KeyInfo.RsaPublicKey key, byte[] message, byte[] signature) {
        if (signature.length != key.length()) {
            return false;
        }
        try {
            PublicKey publicKey = Jca.engine("RSA", KeyFactory::getInstance)
                    .generatePublic(new RSAPublicKeySpec(key.modulus(), key.exponent()));
            if (algorithm == SignatureAlgorithm.RSA_PKCS1_SHA256) {
                return pkcs1Sha256(publicKey, message, signature);
            }
            Signature verifier = pss(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * PKCS#1 v1.5, compared whole as {@link RsaPadding} does for every provider: the JDK's {@code SHA256withRSA}
     * also accepts a DigestInfo without its NULL parameters.
     */
    private static boolean pkcs1Sha256(PublicKey key, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        Cipher rsa = Jca.engine("RSA/ECB/NoPadding", Cipher::getInstance);
        rsa.init(Cipher.DECRYPT_MODE, key);
        byte[] encoded = rsa.doFinal(signature);
        return RsaPadding.isPkcs1Sha256(encoded, Jca.engine("SHA-256", MessageDigest::getInstance).digest(message));
    }

    static SigningKey signingKey(KeyInfo.RsaPrivateKey key) {
        try {
            PrivateKey privateKey = Jca.engine("RSA", KeyFactory::getInstance).generatePrivate(new RSAPrivateCrtKeySpec(
                    key.modulus(), key.publicExponent(), key.privateExponent(), key.prime1(), key.prime2(),
                    key.exponent1(), key.exponent2(), key.coefficient()));
            return new RsaKey(privateKey, KeyInfo.encode(key.publicKey()));
        } catch (GeneralSecurityException e) {
            throw Jca.fault("RSA private key setup", e);
        }
    }

    private static Signature pss(SignatureAlgorithm algorithm) throws GeneralSecurityException {
        PSSParameterSpec parameters = switch (algorithm) {
            case RSA_PSS_RSAE_SHA256 -> new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            case RSA_PSS_RSAE_SHA384 -> new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);
            case RSA_PSS_RSAE_SHA512 -> new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1);
            default -> throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    "an RSA key signs with RSA-PSS, not " + algorithm);
        };
        Signature pss = Jca.engine("RSASSA-PSS", Signature::getInstance);
        pss.setParameter(parameters);
        return pss;
    }

    /** An RSA private key held by the JDK that signs with RSA-PSS. Thread-safe; shows no key bytes. */
    private static final class RsaKey extends KeyHandle {

        private final PrivateKey privateKey;

        RsaKey(PrivateKey privateKey, byte[] publicKey) {
            super(publicKey, KeyInfo.RSA_PSS, "RSA");
            this.privateKey = privateKey;
        }

        @Override
        public byte[] sign(byte[] message) {
            return sign(algorithms().get(0), message);
        }

        @Override
        public byte[] sign(SignatureAlgorithm algorithm, byte[] message) {
            try {
                Signature signer = pss(algorithm);
                signer.initSign(privateKey);
                signer.update(message);
                return signer.sign();
            } catch (GeneralSecurityException e) {
                throw Jca.fault("RSA-PSS signing", e);
            }
        }
    }
}
