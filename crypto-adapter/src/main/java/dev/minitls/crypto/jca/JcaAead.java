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
import java.util.Objects;

/**
 * AES-GCM through the JDK's {@code AES/GCM/NoPadding} and ChaCha20-Poly1305 through its {@code ChaCha20-Poly1305},
 * both of which check the tag before they return any plaintext. The first seal borrows a {@code Cipher} from the
 * algorithm's {@link CipherPool}, and so does the first open; each is kept for the later calls of its kind and set up
 * again for each with the same key, which the JDK's AES does not expand again (a record layer seals or opens record
 * after record under one key: expanding the key and giving the cipher back for every record cost more than sealing
 * a 1 KiB record). {@link #destroy()} wipes the key and gives both ciphers back, and the pool sets every cipher given
 * back to an all-zero key. Thread-safe.
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
    /** The cipher that seals, and the one that opens, borrowed on first use; null before it and once destroyed. */
    private Cipher sealing;
    private Cipher opening;

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
        return encrypt(nonce, associatedData, cipher -> cipher.doFinal(plaintext));
    }

    @Override
    public synchronized void sealInPlace(byte[] nonce, byte[] associatedData, byte[] buffer, int offset,
            int length) {
        Objects.checkFromIndexSize(offset, length + TAG_LENGTH, buffer.length);
        encrypt(nonce, associatedData, cipher -> cipher.doFinal(buffer, offset, length, buffer, offset));
    }

    @Override
    public synchronized byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
        return decrypt(nonce, associatedData, ciphertextAndTag.length, cipher -> cipher.doFinal(ciphertextAndTag));
    }

    @Override
    public synchronized int openInPlace(byte[] nonce, byte[] associatedData, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        return decrypt(nonce, associatedData, length,
                cipher -> cipher.doFinal(buffer, offset, length, buffer, offset));
    }

    /** One call of the sealing cipher, set up for {@code nonce}, which this key now has sealed with. */
    private <T> T encrypt(byte[] nonce, byte[] associatedData, CipherCall<T> call) {
        sealed.claim(nonce);
        Cipher held = sealing;
        sealing = null;
        sealing = init(held, Cipher.ENCRYPT_MODE, nonce, associatedData);
        try {
            return call.on(sealing);
        } catch (GeneralSecurityException e) {
            throw Jca.fault(algorithm + " encryption", e);
        }
    }

    /** One call of the opening cipher, for {@code length} bytes of ciphertext and tag. */
    private <T> T decrypt(byte[] nonce, byte[] associatedData, int length, CipherCall<T> call) {
        sealed.requireLength(nonce);
        if (length < TAG_LENGTH) {
            // The JDK would throw a ProviderException here rather than AEADBadTagException.
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED,
                    algorithm + " input is shorter than its " + TAG_LENGTH + "-byte tag");
        }
        Cipher held = opening;
        opening = null;
        opening = init(held, Cipher.DECRYPT_MODE, nonce, associatedData);
        try {
            return call.on(opening);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, algorithm + " tag does not verify",
                    e);
        } catch (GeneralSecurityException e) {
            throw Jca.fault(algorithm + " decryption", e);
        }
    }

    /** What is done with a cipher once it is set up. */
    @FunctionalInterface
    private interface CipherCall<T> {
        T on(Cipher cipher) throws GeneralSecurityException;
    }

    @Override
    public synchronized void destroy() {
        key.destroy();
        for (Cipher held : new Cipher[] {sealing, opening}) {
            if (held != null) {
                pool.giveBack(held);
            }
        }
        sealing = null;
        opening = null;
    }

    /**
     * {@code held} (or a borrowed cipher when there is none yet) set up for one call. The JDK refuses to set a cipher
     * object up with the key and nonce it was last set up with (GCM: for encryption; ChaCha20-Poly1305: for either):
     * a borrowed cipher was last set up with the all-zero key and a nonce of the pool's, and a held one with this key
     * and an earlier nonce (sealing never repeats one; opening may, when a caller opens one ciphertext twice). The
     * refusal guards that cipher object, not this key: the cipher is given back and a fresh one takes its place.
     * A cipher that cannot be set up is given back (the pool keeps it only if it can be set to the all-zero key).
     */
    private Cipher init(Cipher held, int mode, byte[] nonce, byte[] associatedData) {
        if (key.isDestroyed()) {
            throw new IllegalStateException(algorithm + " key was destroyed");
        }
        AlgorithmParameterSpec parameters = algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(TAG_LENGTH * Byte.SIZE, nonce);
        Cipher cipher = held != null ? held : pool.borrow();
        try {
            try {
                cipher.init(mode, key, parameters);
            } catch (InvalidKeyException | InvalidAlgorithmParameterException sameKeyAndNonce) {
                pool.giveBack(cipher);
                cipher = pool.create();
                cipher.init(mode, key, parameters);
            }
            cipher.updateAAD(associatedData);
        } catch (GeneralSecurityException e) {
            pool.giveBack(cipher);
            throw Jca.fault(algorithm + " setup", e);
        } catch (RuntimeException e) {
            pool.giveBack(cipher);
            throw e;
        }
        return cipher;
    }
}
