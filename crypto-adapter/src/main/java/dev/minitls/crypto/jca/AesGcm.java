package dev.minitls.crypto.jca;

import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * AES-256-GCM through the JDK's {@code AES/GCM/NoPadding}, which checks the tag before it returns any plaintext.
 * A new {@code Cipher} per call keeps this thread-safe.
 */
final class AesGcm implements Aead {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_LENGTH = 32;

    private final SecretKeySpec key;

    AesGcm(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    "AES-256-GCM key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        Cipher cipher = init(Cipher.ENCRYPT_MODE, nonce, associatedData);
        try {
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw Jca.fault("AES-GCM encryption", e);
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
        Cipher cipher = init(Cipher.DECRYPT_MODE, nonce, associatedData);
        if (ciphertextAndTag.length < TAG_LENGTH) {
            // The JDK would throw a ProviderException here rather than AEADBadTagException.
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED,
                    "AES-GCM input is shorter than its " + TAG_LENGTH + "-byte tag");
        }
        try {
            return cipher.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, "AES-GCM tag does not verify", e);
        } catch (GeneralSecurityException e) {
            throw Jca.fault("AES-GCM decryption", e);
        }
    }

    private Cipher init(int mode, byte[] nonce, byte[] associatedData) {
        if (nonce.length != NONCE_LENGTH) {
            throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    "AES-GCM nonce must be " + NONCE_LENGTH + " bytes, got " + nonce.length);
        }
        Cipher cipher = Jca.engine(TRANSFORMATION, Cipher::getInstance);
        try {
            cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * Byte.SIZE, nonce));
        } catch (GeneralSecurityException e) {
            throw Jca.fault("AES-GCM setup", e);
        }
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
