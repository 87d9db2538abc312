package dev.minitls.transport.tls13;

import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM of any key size straight from the JDK, as an {@link Aead} for the record layer's tests: the transport
 * adapter does not see the crypto adapter, and the RFC 8448 records need AES-128-GCM, which the crypto port does not
 * offer yet. A real AEAD, so the RFC's bytes check the record protection for real.
 */
final class JdkAead implements Aead {

    private final SecretKeySpec key;
    private volatile boolean destroyed;

    JdkAead(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        return run(Cipher.ENCRYPT_MODE, nonce, associatedData, plaintext);
    }

    @Override
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
        return run(Cipher.DECRYPT_MODE, nonce, associatedData, ciphertextAndTag);
    }

    /** Refuses every later use; a test double, so the key object is only dropped with it. */
    @Override
    public void destroy() {
        destroyed = true;
    }

    private byte[] run(int mode, byte[] nonce, byte[] associatedData, byte[] input) {
        if (destroyed) {
            throw new IllegalStateException("this AEAD was destroyed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoException.Kind.AUTHENTICATION_FAILED, "tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
