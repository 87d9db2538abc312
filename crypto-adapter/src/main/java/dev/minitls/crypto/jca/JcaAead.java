package dev.minitls.crypto.jca;

import dev.minitls.crypto.aead.SealedNonces;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;

/**
 * AES-GCM through the JDK's {@code AES/GCM/NoPadding} and ChaCha20-Poly1305 through its {@code ChaCha20-Poly1305},
 * both of which check the tag before they return any plaintext. Each call borrows a {@code Cipher} from the
 * algorithm's {@link CipherPool} and sets it up for itself, so this is thread-safe and holds no cipher between calls.
 */
final class JcaAead implements Aead {

    private static final CipherPool GCM = new CipherPool("AES/GCM/NoPadding");
    private static final CipherPool CHACHA20_POLY1305 = new CipherPool("ChaCha20-Poly1305");

    private final AeadAlgorithm algorithm;
    private final SecretKeySpec key;
    private final CipherPool pool;
    private final SealedNonces sealed;

    JcaAead(AeadAlgorithm algorithm, byte[] key) {
        if (key.length != algorithm.keyLength()) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    algorithm + " key must be " + algorithm.keyLength() + " bytes, got " + key.length);
        }
        boolean chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        this.algorithm = algorithm;
        this.key = new SecretKeySpec(key, chacha ? "ChaCha20" : "AES");
        this.pool = chacha ? CHACHA20_POLY1305 : GCM;
        this.sealed = new SealedNonces(algorithm.toString(), NONCE_LENGTH);
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        sealed.claim(nonce);
        Cipher cipher = init(Cipher.ENCRYPT_MODE, nonce, associatedData);
        try {
            byte[] out = cipher.doFinal(plaintext);
            pool.giveBack(cipher);
            return out;
        } catch (GeneralSecurityException e) {
            throw Jca.fault(algorithm + " encryption", e);
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
        sealed.requireLength(nonce);
        if (ciphertextAndTag.length < TAG_LENGTH) {
            // The JDK would throw a ProviderException here rather than AEADBadTagException.
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED,
                    algorithm + " input is shorter than its " + TAG_LENGTH + "-byte tag");
        }
        Cipher cipher = init(Cipher.DECRYPT_MODE, nonce, associatedData);
        try {
            byte[] plaintext = cipher.doFinal(ciphertextAndTag);
            pool.giveBack(cipher);
            return plaintext;
        } catch (AEADBadTagException e) {
            // The JDK resets a cipher whose tag failed; it is as good as any other.
            pool.giveBack(cipher);
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, algorithm + " tag does not verify",
                    e);
        } catch (GeneralSecurityException e) {
            throw Jca.fault(algorithm + " decryption", e);
        }
    }

    /**
     * A borrowed cipher set up for one call. The JDK refuses to set a cipher object up with the key and nonce it was
     * last set up with (GCM: for encryption; ChaCha20-Poly1305: for either). Within this {@code JcaAead} the
     * {@link SealedNonces} has refused any repeated nonce before this point, so such a refusal can only come from a
     * pooled cipher that another {@code JcaAead} of the same key used last (say, two test vectors with one key and
     * nonce): it guards that cipher object, not this key, and a fresh cipher takes its place.
     */
    private Cipher init(int mode, byte[] nonce, byte[] associatedData) {
        AlgorithmParameterSpec parameters = algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(TAG_LENGTH * Byte.SIZE, nonce);
        Cipher cipher = pool.borrow();
        try {
            try {
                cipher.init(mode, key, parameters);
            } catch (InvalidKeyException | InvalidAlgorithmParameterException sameKeyAndNonce) {
                cipher = pool.create();
                cipher.init(mode, key, parameters);
            }
        } catch (GeneralSecurityException e) {
            throw Jca.fault(algorithm + " setup", e);
        }
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
