package dev.minitls.crypto.bc;

import dev.minitls.crypto.aead.SealedNonces;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.util.Arrays;

/**
 * AES-GCM and ChaCha20-Poly1305 on Bouncy Castle's lightweight API. Bouncy Castle's decryption hands out plaintext
 * bytes before it has checked the tag, so {@link #open} decrypts into a private buffer that it returns only after
 * the tag verified and wipes otherwise.
 *
 * <p>Setting a key up (the AES key schedule and GCM's multiplication tables) costs more than sealing a small record,
 * so each direction keeps one cipher and gives it only a new nonce per call, under a lock that keeps this
 * thread-safe. A record layer seals or opens with one thread, so the lock is never contended there.
 *
 * <p>{@link #destroy()} zeroes the key and lets go of both ciphers; what Bouncy Castle derived from the key inside
 * them (the AES round keys, GCM's tables) it offers no way to wipe.
 */
final class BcAead implements Aead {

    private final AeadAlgorithm algorithm;
    private final KeyParameter key;
    private final SealedNonces sealed;
    private final Reused sealing = new Reused(true);
    private final Reused opening = new Reused(false);
    private volatile boolean destroyed;

    /** @param key {@code algorithm.keyLength()} bytes, checked by the caller */
    BcAead(AeadAlgorithm algorithm, byte[] key) {
        this.algorithm = algorithm;
        this.key = new KeyParameter(key);
        this.sealed = new SealedNonces(algorithm.toString(), NONCE_LENGTH);
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        sealed.claim(nonce);
        synchronized (sealing) {
            live();
            AEADCipher cipher = sealing.init(nonce, associatedData);
            byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
            int written = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
            try {
                cipher.doFinal(out, written);
            } catch (InvalidCipherTextException e) {
                throw new IllegalStateException(algorithm + " encryption failed inside Bouncy Castle", e);
            }
            return out;
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
        sealed.requireLength(nonce);
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED,
                    algorithm + " ciphertext is shorter than its " + TAG_LENGTH + "-byte tag");
        }
        synchronized (opening) {
            live();
            AEADCipher cipher = opening.init(nonce, associatedData);
            byte[] plaintext = new byte[cipher.getOutputSize(ciphertextAndTag.length)];
            try {
                int written = cipher.processBytes(ciphertextAndTag, 0, ciphertextAndTag.length, plaintext, 0);
                cipher.doFinal(plaintext, written);
                return plaintext;
            } catch (InvalidCipherTextException e) {
                Arrays.fill(plaintext, (byte) 0);
                throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED,
                        algorithm + " tag does not verify", e);
            }
        }
    }

    @Override
    public void destroy() {
        synchronized (sealing) {
            synchronized (opening) {
                Arrays.fill(key.getKey(), (byte) 0);
                destroyed = true;
                sealing.cipher = null;
                opening.cipher = null;
            }
        }
    }

    /** Called under either lock. */
    private void live() {
        if (destroyed) {
            throw new IllegalStateException(algorithm + " key was destroyed");
        }
    }

    /** The cipher of one direction. Used under its own lock. */
    private final class Reused {

        private final boolean forEncryption;
        private AEADCipher cipher;

        Reused(boolean forEncryption) {
            this.forEncryption = forEncryption;
        }

        /**
         * The cipher, set up for one call: the key once, a nonce each time (a {@code null} key keeps the last one).
         * Bouncy Castle's own guard (it refuses to encrypt twice in a row under one nonce) is never reached: the
         * {@link SealedNonces} refused the nonce before.
         */
        AEADCipher init(byte[] nonce, byte[] associatedData) {
            KeyParameter newKey = null;
            if (cipher == null) {
                cipher = algorithm == AeadAlgorithm.CHACHA20_POLY1305
                        ? new ChaCha20Poly1305()
                        : GCMBlockCipher.newInstance(AESEngine.newInstance());
                newKey = key;
            }
            cipher.init(forEncryption, new AEADParameters(newKey, TAG_LENGTH * Byte.SIZE, nonce, associatedData));
            return cipher;
        }
    }
}
