package dev.minitls.domain.port;

/**
 * The AEADs the crypto port offers, each with 12-byte nonces and 16-byte tags ({@link Aead#NONCE_LENGTH},
 * {@link Aead#TAG_LENGTH}): the three of TLS 1.3's cipher suites.
 */
public enum AeadAlgorithm {
    /** AES-128-GCM (TLS_AES_128_GCM_SHA256). */
    AES_128_GCM("AES-128-GCM", 16),
    /** AES-256-GCM (protocols v1 and v2, TLS_AES_256_GCM_SHA384). */
    AES_256_GCM("AES-256-GCM", 32),
    /** ChaCha20-Poly1305 (RFC 8439; TLS_CHACHA20_POLY1305_SHA256). */
    CHACHA20_POLY1305("ChaCha20-Poly1305", 32);

    private final String displayName;
    private final int keyLength;

    AeadAlgorithm(String displayName, int keyLength) {
        this.displayName = displayName;
        this.keyLength = keyLength;
    }

    /** The key's length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** The name as standards write it, e.g. {@code ChaCha20-Poly1305}. */
    @Override
    public String toString() {
        return displayName;
    }
}
