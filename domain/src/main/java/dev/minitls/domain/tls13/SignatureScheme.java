package dev.minitls.domain.tls13;

import java.util.Map;

/** A signature scheme (RFC 8446 section 4.2.3), known or not. */
public record SignatureScheme(int code) {

    public static final SignatureScheme RSA_PKCS1_SHA256 = new SignatureScheme(0x0401);
    public static final SignatureScheme ECDSA_SECP256R1_SHA256 = new SignatureScheme(0x0403);
    public static final SignatureScheme RSA_PSS_RSAE_SHA256 = new SignatureScheme(0x0804);
    public static final SignatureScheme RSA_PSS_RSAE_SHA384 = new SignatureScheme(0x0805);
    public static final SignatureScheme RSA_PSS_RSAE_SHA512 = new SignatureScheme(0x0806);
    public static final SignatureScheme ED25519 = new SignatureScheme(0x0807);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x0401, "rsa_pkcs1_sha256"), Map.entry(0x0501, "rsa_pkcs1_sha384"),
            Map.entry(0x0601, "rsa_pkcs1_sha512"),
            Map.entry(0x0403, "ecdsa_secp256r1_sha256"), Map.entry(0x0503, "ecdsa_secp384r1_sha384"),
            Map.entry(0x0603, "ecdsa_secp521r1_sha512"),
            Map.entry(0x0804, "rsa_pss_rsae_sha256"), Map.entry(0x0805, "rsa_pss_rsae_sha384"),
            Map.entry(0x0806, "rsa_pss_rsae_sha512"),
            Map.entry(0x0807, "ed25519"), Map.entry(0x0808, "ed448"),
            Map.entry(0x0809, "rsa_pss_pss_sha256"), Map.entry(0x080a, "rsa_pss_pss_sha384"),
            Map.entry(0x080b, "rsa_pss_pss_sha512"),
            Map.entry(0x0201, "rsa_pkcs1_sha1"), Map.entry(0x0203, "ecdsa_sha1"));

    public SignatureScheme {
        CodePoints.uint16("a signature scheme", code);
    }

    /** The RFC name, e.g. {@code ed25519}, or {@code 0x1234} for a scheme minitls does not know. */
    public String name() {
        return CodePoints.name(NAMES, code);
    }

    @Override
    public String toString() {
        return name();
    }
}
