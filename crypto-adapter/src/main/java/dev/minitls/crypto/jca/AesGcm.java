package dev.minitls.crypto.jca;

import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;

/**
 * AES-256-GCM through the JDK's {@code AES/GCM/NoPadding}, which checks the tag before it returns any plaintext.
 * Each call borrows a {@code Cipher} from {@link GcmCiphers} and sets it up for itself, so this is thread-safe and
 * holds no cipher between calls.
 */
final class AesGcm implements Aead {

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
            byte[] sealed = cipher.doFinal(plaintext);
            GcmCiphers.giveBack(cipher);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw Jca.fault("AES-GCM encryption", e);
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
        if (ciphertextAndTag.length < TAG_LENGTH) {
            requireNonceLength(nonce);
            // The JDK would throw a ProviderException here rather than AEADBadTagException.
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED,
                    "AES-GCM input is shorter than its " + TAG_LENGTH + "-byte tag");
        }
        Cipher cipher = init(Cipher.DECRYPT_MODE, nonce, associatedData);
        try {
            byte[] plaintext = cipher.doFinal(ciphertextAndTag);
            GcmCiphers.giveBack(cipher);
            return plaintext;
        } catch (AEADBadTagException e) {
            // The JDK resets a cipher whose tag failed; it is as good as any other.
            GcmCiphers.giveBack(cipher);
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, "AES-GCM tag does not verify", e);
        } catch (GeneralSecurityException e) {
            throw Jca.fault("AES-GCM decryption", e);
        }
    }

    /**
     * A borrowed cipher set up for one call. The JDK refuses to set a cipher up for encryption with the key and
     * nonce it last encrypted with (a guard against nonce reuse); the port allows it, so that cipher is left to the
     * garbage collector and a new one takes its place.
     */
    private Cipher init(int mode, byte[] nonce, byte[] associatedData) {
        requireNonceLength(nonce);
        GCMParameterSpec parameters = new GCMParameterSpec(TAG_LENGTH * Byte.SIZE, nonce);
        Cipher cipher = GcmCiphers.borrow();
        try {
            try {
                cipher.init(mode, key, parameters);
            } catch (InvalidAlgorithmParameterException sameKeyAndNonce) {
                cipher = GcmCiphers.create();
                cipher.init(mode, key, parameters);
            }
        } catch (GeneralSecurityException e) {
            throw Jca.fault("AES-GCM setup", e);
        }
        cipher.updateAAD(associatedData);
        return cipher;
    }

    private static void requireNonceLength(byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    "AES-GCM nonce must be " + NONCE_LENGTH + " bytes, got " + nonce.length);
        }
    }
}
