package dev.minitls.crypto.jca;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A raw AES or ChaCha20 key for the JDK's ciphers that, unlike Java 17's {@code SecretKeySpec} (whose
 * {@code destroy()} throws), can be destroyed: {@link #destroy()} zeroes its bytes, and every later use is an
 * {@link IllegalStateException}. The ciphers take their own copies through {@link #getEncoded()}.
 */
final class WipeableKey implements SecretKey {

    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final byte[] key;
    private volatile boolean destroyed;

    /** @param key copied */
    WipeableKey(String algorithm, byte[] key) {
        this.algorithm = algorithm;
        this.key = key.clone();
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("this key was destroyed");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }
}
