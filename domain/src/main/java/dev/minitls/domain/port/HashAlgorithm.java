package dev.minitls.domain.port;

/** The hash functions the crypto port offers, for digests, HMAC and HKDF: a TLS 1.3 cipher suite names one. */
public enum HashAlgorithm {
    /** SHA-256 (protocols v1 and v2, TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256). */
    SHA256("SHA-256", 32),
    /** SHA-384 (TLS_AES_256_GCM_SHA384). */
    SHA384("SHA-384", 48);

    private final String displayName;
    private final int length;

    HashAlgorithm(String displayName, int length) {
        this.displayName = displayName;
        this.length = length;
    }

    /** The digest's length in bytes, which is also the length of an HMAC and of an HKDF pseudorandom key. */
    public int length() {
        return length;
    }

    /** The longest HKDF-Expand output (RFC 5869): 255 times the digest length. */
    public int maxHkdfLength() {
        return 255 * length;
    }

    /** The name as standards write it, e.g. {@code SHA-384}. */
    @Override
    public String toString() {
        return displayName;
    }
}
