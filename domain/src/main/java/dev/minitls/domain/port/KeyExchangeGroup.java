package dev.minitls.domain.port;

/**
 * The key exchange groups the crypto port offers ({@link CryptoProvider#keyShare}, {@link CryptoProvider#agree}):
 * a TLS 1.3 {@code key_share} names one. A private key is {@link #privateKeyLength()} bytes from the
 * {@link RandomSource}; a key share is what goes on the wire.
 */
public enum KeyExchangeGroup {
    /** X25519 (RFC 7748): 32-byte private keys (clamped as usual) and 32-byte u-coordinates. */
    X25519("x25519", 32, 32),
    /**
     * ECDH on NIST P-256 (secp256r1; RFC 8446 section 4.2.8.2): a private key is a 32-byte big-endian scalar from 1
     * to n - 1, a key share the 65-byte uncompressed point {@code 04 || X || Y}, the shared secret the 32-byte X.
     */
    SECP256R1("secp256r1", 32, 65);

    private final String displayName;
    private final int privateKeyLength;
    private final int keyShareLength;

    KeyExchangeGroup(String displayName, int privateKeyLength, int keyShareLength) {
        this.displayName = displayName;
        this.privateKeyLength = privateKeyLength;
        this.keyShareLength = keyShareLength;
    }

    /** How many random bytes make a private key. */
    public int privateKeyLength() {
        return privateKeyLength;
    }

    /** The length of a key share (a public key on the wire). */
    public int keyShareLength() {
        return keyShareLength;
    }

    /** The name as RFC 8446 writes it, e.g. {@code secp256r1}. */
    @Override
    public String toString() {
        return displayName;
    }
}
