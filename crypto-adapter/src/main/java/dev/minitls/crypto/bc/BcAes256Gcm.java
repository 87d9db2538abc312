package dev.minitls.crypto.bc;

import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.util.Arrays;

/**
 * AES-256-GCM on Bouncy Castle's lightweight GCM. Bouncy Castle's decryption hands out plaintext bytes before it
 * has checked the tag, so {@link #open} decrypts into a private buffer that it returns only after the tag verified
 * and wipes otherwise. A fresh cipher per call keeps an instance thread-safe.
 */
final class BcAes256Gcm implements Aead {

    static final int KEY_LENGTH = 32;

    private final KeyParameter key;

    BcAes256Gcm(byte[] key) {
        this.key = new KeyParameter(key);
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        GCMModeCipher cipher = cipher(true, nonce, associatedData);
        byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
        int written = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM encryption failed inside Bouncy Castle", e);
        }
        return out;
    }

    @Override
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
        GCMModeCipher cipher = cipher(false, nonce, associatedData);
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED,
                    "AES-GCM ciphertext is shorter than its " + TAG_LENGTH + "-byte tag");
        }
        byte[] plaintext = new byte[cipher.getOutputSize(ciphertextAndTag.length)];
        try {
            int written = cipher.processBytes(ciphertextAndTag, 0, ciphertextAndTag.length, plaintext, 0);
            cipher.doFinal(plaintext, written);
            return plaintext;
        } catch (InvalidCipherTextException e) {
            Arrays.fill(plaintext, (byte) 0);
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, "AES-GCM tag does not verify", e);
        }
    }

    private GCMModeCipher cipher(boolean forEncryption, byte[] nonce, byte[] associatedData) {
        if (nonce.length != NONCE_LENGTH) {
            throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    "AES-GCM nonce must be " + NONCE_LENGTH + " bytes, got " + nonce.length);
        }
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(forEncryption, new AEADParameters(key, TAG_LENGTH * Byte.SIZE, nonce, associatedData));
        return cipher;
    }
}
