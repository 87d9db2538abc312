package dev.minitls.domain.cert;

import dev.minitls.domain.error.PeerText;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The names of a certificate's key and signature algorithms, the same whichever provider parsed it: each parser
 * hands over the AlgorithmIdentifier exactly as the certificate encodes it (DER, OID and parameters) and its dotted
 * OID, and takes the name from here. DER is canonical, so an algorithm minitls verifies is recognised by its whole
 * encoding, parameters included: an RSASSA-PSS signature is {@link #RSA_PSS_SHA256} only with SHA-256, MGF1 with
 * SHA-256 and a 32-byte salt, and {@link #RSA_PSS_OTHER} (never verified) with any other parameters.
 */
public final class CertificateAlgorithms {

    /** An Ed25519 key or signature (RFC 8410). */
    public static final String ED25519 = Certificate.ED25519;
    /** An id-ecPublicKey on the named curve prime256v1 (RFC 5480). */
    public static final String EC_P256 = "EC P-256";
    /** An rsaEncryption key (RFC 8017), whatever its size: {@link Certificate#keyBits()} says it. */
    public static final String RSA = "RSA";
    /** ecdsa-with-SHA256 (RFC 5758), without parameters. */
    public static final String ECDSA_SHA256 = "ecdsa-with-SHA256";
    /** sha256WithRSAEncryption (RFC 4055): RSASSA-PKCS1-v1_5 with SHA-256. */
    public static final String RSA_PKCS1_SHA256 = "sha256WithRSAEncryption";
    /** RSASSA-PSS (RFC 4055) with SHA-256, MGF1 with SHA-256 and a 32-byte salt. */
    public static final String RSA_PSS_SHA256 = "RSASSA-PSS-SHA256";
    /** RSASSA-PSS with any other parameters: minitls names it, and refuses it. */
    public static final String RSA_PSS_OTHER = "RSASSA-PSS with parameters other than SHA-256, MGF1-SHA-256, salt 32";
    /** The smallest RSA modulus minitls takes, in a certificate as in a key file. */
    public static final int MIN_RSA_BITS = 2048;

    private static final String RSASSA_PSS_OID = "1.2.840.113549.1.1.10";

    private static final HexFormat HEX = HexFormat.of();

    /** Whole AlgorithmIdentifiers (DER) of the keys minitls takes. */
    private static final Map<String, String> KEYS = Map.of(
            "300506032b6570", ED25519,
            "301306072a8648ce3d020106082a8648ce3d030107", EC_P256,
            "300d06092a864886f70d0101010500", RSA);

    /**
     * Whole AlgorithmIdentifiers (DER) of the signatures minitls verifies. RFC 4055 asks verifiers to accept the
     * SHA-2 algorithm identifiers with NULL parameters and without them, so both forms are here.
     */
    private static final Map<String, String> SIGNATURES = Map.of(
            "300506032b6570", ED25519,
            "300a06082a8648ce3d040302", ECDSA_SHA256,
            "300d06092a864886f70d01010b0500", RSA_PKCS1_SHA256,
            "300b06092a864886f70d01010b", RSA_PKCS1_SHA256,
            "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d0609"
                    + "6086480165030402010500a203020120", RSA_PSS_SHA256,
            "303d06092a864886f70d01010a3030a00d300b0609608648016503040201a11a301806092a864886f70d010108300b0609"
                    + "608648016503040201a203020120", RSA_PSS_SHA256);

    /**
     * Names for algorithms minitls shows but does not take, by OID: among them the OIDs of those it takes, written
     * with other parameters than the one encoding it accepts (a name of their own, so that nothing by name takes them).
     */
    private static final Map<String, String> OTHER_NAMES = Map.ofEntries(
            Map.entry("1.3.101.113", "Ed448"),
            Map.entry("1.3.101.110", "X25519"),
            Map.entry("1.3.101.111", "X448"),
            Map.entry("1.2.840.10045.2.1", "EC"),
            Map.entry("1.2.840.113549.1.1.1", RSA + " (parameters other than NULL)"),
            Map.entry(RSASSA_PSS_OID, "RSASSA-PSS"),
            Map.entry("1.2.840.10040.4.1", "DSA"),
            Map.entry("1.2.840.10045.4.3.2", ECDSA_SHA256 + " (with parameters)"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
            Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            Map.entry("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.11", RSA_PKCS1_SHA256 + " (parameters other than NULL)"),
            Map.entry("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"));

    private CertificateAlgorithms() {
    }

    /**
     * The name of a SubjectPublicKeyInfo's algorithm: {@link #ED25519}, {@link #EC_P256} or {@link #RSA} when the
     * identifier is exactly theirs; otherwise a name for the OID (e.g. {@code Ed448}, {@code EC} on another curve),
     * or the OID itself.
     */
    public static String keyAlgorithm(byte[] algorithmIdentifier, String oid) {
        return named(KEYS, algorithmIdentifier, oid);
    }

    /**
     * The name of a certificate's signature algorithm: one of those minitls verifies when the identifier is exactly
     * theirs, {@link #RSA_PSS_OTHER} for RSASSA-PSS with other parameters, otherwise a name for the OID, or the OID.
     */
    public static String signatureAlgorithm(byte[] algorithmIdentifier, String oid) {
        if (oid.equals(RSASSA_PSS_OID) && !SIGNATURES.containsKey(HEX.formatHex(algorithmIdentifier))) {
            return RSA_PSS_OTHER;
        }
        return named(SIGNATURES, algorithmIdentifier, oid);
    }

    /** True for a signature algorithm that minitls verifies (with a key of the kind it needs). */
    public static boolean isVerified(String signatureAlgorithm) {
        return SIGNATURES.containsValue(signatureAlgorithm);
    }

    /**
     * Why minitls does not take {@code certificate}'s key, if it does not: only Ed25519 (32 bytes), EC P-256 and
     * RSA keys of at least {@value #MIN_RSA_BITS} bits.
     */
    public static Optional<String> unusableKey(Certificate certificate) {
        String key = certificate.keyAlgorithm();
        if (key.equals(RSA) && certificate.keyBits() < MIN_RSA_BITS) {
            return Optional.of("an RSA key of " + certificate.keyBits() + " bits, under the " + MIN_RSA_BITS
                    + " minitls requires");
        }
        if (certificate.hasEd25519Key() || key.equals(EC_P256) || key.equals(RSA)) {
            return Optional.empty();
        }
        return Optional.of("a key of type " + PeerText.quote(key)
                + ", which minitls does not take (Ed25519, EC P-256 or RSA)");
    }

    private static String named(Map<String, String> exact, byte[] algorithmIdentifier, String oid) {
        String name = exact.get(HEX.formatHex(algorithmIdentifier));
        return name != null ? name : OTHER_NAMES.getOrDefault(oid, oid);
    }
}
