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
 * algorithm's {@link CipherPool}, sets it up for itself and gives it back, so this holds no cipher between calls; the
 * pool sets every cipher given back to an all-zero key. {@link #destroy()} wipes the key. Thread-safe.
 */
final class JcaAead implements Aead {

    private static final CipherPool GCM = new CipherPool("AES/GCM/NoPadding", new SecretKeySpec(new byte[32], "AES"),
            nonce -> new GCMParameterSpec(TAG_LENGTH * Byte.SIZE, nonce));
    private static final CipherPool CHACHA20_POLY1305 = new CipherPool("ChaCha20-Poly1305",
            new SecretKeySpec(new byte[32], "ChaCha20"), IvParameterSpec::new);

    private final AeadAlgorithm algorithm;
    private final WipeableKey key;
    private final CipherPool pool;
    private final SealedNonces sealed;

    JcaAead(AeadAlgorithm algorithm, byte[] key) {
        this(algorithm, key, pool(algorithm));
    }

    /** With a pool of its own, so that a test can see what it gives back. */
    JcaAead(AeadAlgorithm algorithm, byte[] key, CipherPool pool) {
        if (key.length != algorithm.keyLength()) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    algorithm + " key must be " + algorithm.keyLength() + " bytes, got " + key.length);
        }
        this.algorithm = algorithm;
        this.key = new WipeableKey(algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20" : "AES", key);
        this.pool = pool;
        this.sealed = new SealedNonces(algorithm.toString(), NONCE_LENGTH);
    }

    /** The pool of {@code algorithm}'s ciphers. */
    static CipherPool pool(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? CHACHA20_POLY1305 : GCM;
    }

    @Override
    public synchronized byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        sealed.claim(nonce);
        Cipher cipher = init(Cipher.ENCRYPT_MODE, nonce, associatedData);
        try {
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw Jca.fault(algorithm + " encryption", e);
        } finally {
            pool.giveBack(cipher);
        }
    }

    @Override
    public synchronized byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
        sealed.requireLength(nonce);
        if (ciphertextAndTag.length < TAG_LENGTH) {
            // The JDK would throw a ProviderException here rather than AEADBadTagException.
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED,
                    algorithm + " input is shorter than its " + TAG_LENGTH + "-byte tag");
        }
        Cipher cipher = init(Cipher.DECRYPT_MODE, nonce, associatedData);
        try {
            return cipher.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, algorithm + " tag does not verify",
                    e);
        } catch (GeneralSecurityException e) {
            throw Jca.fault(algorithm + " decryption", e);
        } finally {
            pool.giveBack(cipher);
        }
    }

    @Override
    public synchronized void destroy() {
        key.destroy();
    }

    /**
     * A borrowed cipher set up for one call. The JDK refuses to set a cipher object up with the key and nonce it was
     * last set up with (GCM: for encryption; ChaCha20-Poly1305: for either). Every idle cipher was last set up with
     * the all-zero key and a nonce of the pool's, so only a call under that key and nonce could meet the refusal: it
     * guards that cipher object, not this key, and a fresh cipher takes its place.
     */
    private Cipher init(int mode, byte[] nonce, byte[] associatedData) {
        if (key.isDestroyed()) {
            throw new IllegalStateException(algorithm + " key was destroyed");
        }
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
