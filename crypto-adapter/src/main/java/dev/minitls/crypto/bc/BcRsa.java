package dev.minitls.crypto.bc;

import dev.minitls.crypto.keys.KeyHandle;
import dev.minitls.crypto.keys.KeyInfo;
import dev.minitls.crypto.keys.RsaPadding;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.util.BigIntegers;

/**
 * RSA-PSS (rsae, SHA-256/384/512, MGF1 with the same hash, salt as long as the hash) and RSA PKCS#1 v1.5 with
 * SHA-256 with Bouncy Castle; keys reach it already checked ({@link KeyInfo}: 2048 to 8192 bits).
 */
final class BcRsa {

    private BcRsa() {
    }

    /** Verification; a signature that is not exactly the modulus's length is false, as on every provider. */
    static boolean verify(SignatureAlgorithm algorithm, KeyInfo.RsaPublicKey key, byte[] message, byte[] signature) {
        if (signature.length != key.length()) {
            return false;
        }
        RSAKeyParameters publicKey = new RSAKeyParameters(false, key.modulus(), key.exponent());
        if (algorithm == SignatureAlgorithm.RSA_PKCS1_SHA256) {
            return pkcs1Sha256(publicKey, key.length(), message, signature);
        }
        PSSSigner verifier = pss(algorithm);
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /**
     * PKCS#1 v1.5: the signature, raised to e, must be the one encoding of the message's DigestInfo, byte for
     * byte (the DigestInfo with its NULL parameters), compared in constant time.
     */
    private static boolean pkcs1Sha256(RSAKeyParameters key, int length, byte[] message, byte[] signature) {
        RSAEngine engine = new RSAEngine();
        engine.init(false, key);
        byte[] encoded;
        try {
            encoded = BigIntegers.asUnsignedByteArray(length,
                    BigIntegers.fromUnsignedByteArray(engine.processBlock(signature, 0, signature.length)));
        } catch (DataLengthException e) {
            return false;
        }
        SHA256Digest digest = new SHA256Digest();
        digest.update(message, 0, message.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return RsaPadding.isPkcs1Sha256(encoded, hash);
    }

    static SigningKey signingKey(KeyInfo.RsaPrivateKey key) {
        return new RsaKey(new RSAPrivateCrtKeyParameters(key.modulus(), key.publicExponent(), key.privateExponent(),
                key.prime1(), key.prime2(), key.exponent1(), key.exponent2(), key.coefficient()),
                KeyInfo.encode(key.publicKey()));
    }

    private static PSSSigner pss(SignatureAlgorithm algorithm) {
        Digest digest = switch (algorithm) {
            case RSA_PSS_RSAE_SHA256 -> new SHA256Digest();
            case RSA_PSS_RSAE_SHA384 -> new SHA384Digest();
            case RSA_PSS_RSAE_SHA512 -> new SHA512Digest();
            default -> throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    "an RSA key signs with RSA-PSS, not " + algorithm);
        };
        return new PSSSigner(new RSABlindedEngine(), digest, digest.getDigestSize());
    }

    /** An RSA private key that signs with RSA-PSS. Thread-safe; shows no key bytes. */
    private static final class RsaKey extends KeyHandle {

        private final RSAPrivateCrtKeyParameters privateKey;

        RsaKey(RSAPrivateCrtKeyParameters privateKey, byte[] publicKey) {
            super(publicKey, KeyInfo.RSA_PSS, "RSA");
            this.privateKey = privateKey;
        }

        @Override
        public byte[] sign(byte[] message) {
            return sign(algorithms().get(0), message);
        }

        @Override
        public byte[] sign(SignatureAlgorithm algorithm, byte[] message) {
            PSSSigner signer = pss(algorithm);
            signer.init(true, privateKey);
            signer.update(message, 0, message.length);
            try {
                return signer.generateSignature();
            } catch (org.bouncycastle.crypto.CryptoException e) {
                throw new IllegalStateException("RSA-PSS signing failed inside Bouncy Castle", e);
            }
        }
    }
}
