package dev.minitls.domain.trust;

/** Where the server's certificate may carry the name the client asked for. */
public enum LeafNames {
    /** Only in subjectAltName dNSNames (RFC 6125, RFC 9525): protocol v2, and TLS 1.3. */
    SUBJECT_ALT_NAME,
    /**
     * In subjectAltName dNSNames, or in the subject's CN for a certificate without any extension, as the seed's
     * certificates are: protocol v1, so that the original program's certificates keep working.
     */
    SUBJECT_ALT_NAME_OR_SEED_COMMON_NAME
}
