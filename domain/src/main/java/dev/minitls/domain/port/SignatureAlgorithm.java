package dev.minitls.domain.port;

/**
 * The signature algorithms the crypto port offers ({@link CryptoProvider#verify}, {@link SigningKey#sign(
 * SignatureAlgorithm, byte[])}): a TLS 1.3 signature scheme or a certificate's signature algorithm names one.
 * ECDSA signatures are DER ({@code Ecdsa-Sig-Value}); RSA keys under 2048 bits are refused.
 */
public enum SignatureAlgorithm {
    /** Ed25519 (RFC 8032): 64-byte signatures. */
    ED25519("ed25519"),
    /** ECDSA on P-256 over SHA-256, the signature in DER and nothing else (no BER, no trailing bytes). */
    ECDSA_SECP256R1_SHA256("ecdsa_secp256r1_sha256"),
    /** RSASSA-PSS (RFC 8017) with SHA-256, MGF1 with SHA-256 and a 32-byte salt, on an rsaEncryption key. */
    RSA_PSS_RSAE_SHA256("rsa_pss_rsae_sha256"),
    /** The same with SHA-384 and a 48-byte salt. */
    RSA_PSS_RSAE_SHA384("rsa_pss_rsae_sha384"),
    /** The same with SHA-512 and a 64-byte salt. */
    RSA_PSS_RSAE_SHA512("rsa_pss_rsae_sha512"),
    /** RSASSA-PKCS1-v1_5 with SHA-256 (certificates' sha256WithRSAEncryption); verification only. */
    RSA_PKCS1_SHA256("rsa_pkcs1_sha256");

    private final String displayName;

    SignatureAlgorithm(String displayName) {
        this.displayName = displayName;
    }

    /** The name as RFC 8446 writes it, e.g. {@code rsa_pss_rsae_sha256}. */
    @Override
    public String toString() {
        return displayName;
    }
}
