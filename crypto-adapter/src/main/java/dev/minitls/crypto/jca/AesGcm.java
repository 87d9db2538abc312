package dev.minitls.crypto.jca;

import dev.minitls.crypto.aead.SealedNonces;
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
    private final SealedNonces sealed = new SealedNonces("AES-GCM", NONCE_LENGTH);

    AesGcm(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    "AES-256-GCM key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        sealed.claim(nonce);
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
        sealed.requireLength(nonce);
        if (ciphertextAndTag.length < TAG_LENGTH) {
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
     * nonce it last encrypted with: another {@code AesGcm} under the same key sealed with this nonce, which is as
     * much a nonce reuse as this one's own {@link SealedNonces} refuses, so it fails too (the cipher is dropped).
     */
    private Cipher init(int mode, byte[] nonce, byte[] associatedData) {
        GCMParameterSpec parameters = new GCMParameterSpec(TAG_LENGTH * Byte.SIZE, nonce);
        Cipher cipher = GcmCiphers.borrow();
        try {
            cipher.init(mode, key, parameters);
        } catch (InvalidAlgorithmParameterException sameKeyAndNonce) {
            throw new CryptoException(CryptoException.Kind.NONCE_REUSED,
                    "AES-GCM refuses to seal twice under one key with the same nonce", sameKeyAndNonce);
        } catch (GeneralSecurityException e) {
            throw Jca.fault("AES-GCM setup", e);
        }
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
