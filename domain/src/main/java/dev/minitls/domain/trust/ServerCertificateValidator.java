package dev.minitls.domain.trust;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.KeyUsage;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.CryptoProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Seed step 11, done properly: decides whether the server's certificate is one this client trusts for the name it
 * asked for. The original program only checked the signature; this also checks the issuer's name and CA flag, the
 * validity period against the clock, the leaf's own extensions (not a CA, KeyUsage and ExtendedKeyUsage allow a
 * TLS server, no critical extension it does not know), the server's name, and that both keys are Ed25519.
 */
public final class ServerCertificateValidator {

    /** ExtendedKeyUsage id-kp-serverAuth (RFC 5280 section 4.2.1.12). */
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /**
     * The extensions this validator knows: BasicConstraints, KeyUsage, ExtendedKeyUsage and subjectAltName, which
     * it checks, and the key identifiers, which only help to find an issuer. Any other critical one is refused.
     */
    static final Set<String> KNOWN_EXTENSIONS = Set.of("2.5.29.19", "2.5.29.15", "2.5.29.37", "2.5.29.17",
            "2.5.29.14", "2.5.29.35");

    private final CryptoProvider crypto;
    private final Certificate trustedRoot;
    private final Clock clock;
    private final LeafNames leafNames;

    /**
     * @param trustedRoot the Root CA certificate this client trusts; it must hold an Ed25519 key
     * @param leafNames where the server's certificate may carry its name: the protocol decides
     * @throws IllegalArgumentException when the root's key is not Ed25519
     */
    public ServerCertificateValidator(CryptoProvider crypto, Certificate trustedRoot, Clock clock,
            LeafNames leafNames) {
        requireUsableRoot(trustedRoot);
        this.crypto = crypto;
        this.trustedRoot = trustedRoot;
        this.clock = clock;
        this.leafNames = leafNames;
    }

    /** @throws IllegalArgumentException when {@code trustedRoot} cannot be a root this validator checks against */
    public static void requireUsableRoot(Certificate trustedRoot) {
        if (!trustedRoot.hasEd25519Key()) {
            throw new IllegalArgumentException("the trusted root CA must have an Ed25519 key, not "
                    + trustedRoot.keyAlgorithm());
        }
    }

    /**
     * Checks {@code server} and returns proof that it is trusted for {@code expectedName}.
     *
     * @throws ProtocolException naming the first check that failed
     */
    public TrustedCertificate validate(Certificate server, String expectedName) {
        if (!Arrays.equals(server.issuer(), trustedRoot.subject())) {
            throw new ProtocolException(Failure.UNKNOWN_CA, "issued by " + PeerText.quote(server.issuerText())
                    + ", not by the trusted root CA " + trustedRoot.subjectText());
        }
        if (trustedRoot.basicConstraintsCa().filter(ca -> !ca).isPresent()) {
            throw new ProtocolException(Failure.BAD_CERTIFICATE,
                    "its issuer " + trustedRoot.subjectText() + " is not a CA (BasicConstraints CA:false)");
        }
        if (!Certificate.ED25519.equals(server.signatureAlgorithm())) {
            throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE,
                    "signature algorithm " + PeerText.quote(server.signatureAlgorithm()) + " is not Ed25519");
        }
        if (!crypto.ed25519Verify(trustedRoot.publicKey(), server.tbsCertificate(), server.signature())) {
            throw new ProtocolException(Failure.BAD_CERTIFICATE, "not signed by the trusted root CA");
        }
        Instant now = clock.instant();
        checkValidity(trustedRoot, "the trusted root CA", now);
        checkValidity(server, "the server certificate", now);
        checkLeafExtensions(server);
        List<String> names = namesOf(server);
        if (names.stream().noneMatch(name -> sameHostName(name, expectedName))) {
            throw new ProtocolException(Failure.NAME_MISMATCH, "issued to " + describe(server, names) + ", not to "
                    + expectedName);
        }
        if (!server.hasEd25519Key()) {
            throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE,
                    "the server's key is " + PeerText.quote(server.keyAlgorithm()) + ", not Ed25519");
        }
        return new TrustedCertificate(server);
    }

    private static void checkValidity(Certificate certificate, String which, Instant now) {
        if (now.isBefore(certificate.notBefore())) {
            throw new ProtocolException(Failure.BAD_CERTIFICATE,
                    which + " is not valid before " + certificate.notBefore());
        }
        if (now.isAfter(certificate.notAfter())) {
            throw new ProtocolException(Failure.CERTIFICATE_EXPIRED,
                    which + " expired at " + certificate.notAfter());
        }
    }

    /**
     * What a server's own certificate must allow (RFC 5280 section 4.2; what rustls, BoringSSL and Go check): it is
     * not a CA, its KeyUsage (when present) has digitalSignature, its ExtendedKeyUsage (when present) names
     * serverAuth (anyExtendedKeyUsage is not enough, as in rustls), and every critical extension is one this
     * validator knows.
     */
    private static void checkLeafExtensions(Certificate server) {
        if (server.basicConstraintsCa().orElse(false)) {
            throw new ProtocolException(Failure.BAD_CERTIFICATE,
                    "the server certificate is a CA certificate (BasicConstraints CA:true), not a server's");
        }
        for (Certificate.Extension extension : server.extensions()) {
            if (extension.critical() && !KNOWN_EXTENSIONS.contains(extension.oid())) {
                throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE,
                        "it has a critical extension minitls does not know (" + extension.oid() + ")");
            }
        }
        if (server.keyUsage().filter(usages -> !usages.contains(KeyUsage.DIGITAL_SIGNATURE)).isPresent()) {
            throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE,
                    "its KeyUsage does not allow digitalSignature, which a TLS server's key needs");
        }
        if (server.extendedKeyUsage().filter(purposes -> !purposes.contains(SERVER_AUTH)).isPresent()) {
            throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE,
                    "its ExtendedKeyUsage does not allow serverAuth");
        }
    }

    /**
     * The names the certificate is for: its subjectAltName dNSNames (RFC 6125), and only for an extension-less
     * certificate under {@link LeafNames#SUBJECT_ALT_NAME_OR_SEED_COMMON_NAME} its CN.
     */
    private List<String> namesOf(Certificate certificate) {
        if (!certificate.dnsNames().isEmpty()) {
            return certificate.dnsNames();
        }
        if (leafNames == LeafNames.SUBJECT_ALT_NAME_OR_SEED_COMMON_NAME && certificate.extensions().isEmpty()) {
            return certificate.commonName().stream().toList();
        }
        return List.of();
    }

    /**
     * Host names compare as ASCII, ignoring case. Anything outside ASCII never matches: Unicode case folding would
     * let, say, a Kelvin sign in a certificate stand for a {@code k}.
     */
    private static boolean sameHostName(String a, String b) {
        return isAscii(a) && isAscii(b) && a.equalsIgnoreCase(b);
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** The names the certificate is for, quoted as the peer's text they are: at most so many characters of them. */
    private static String describe(Certificate certificate, List<String> names) {
        if (!certificate.dnsNames().isEmpty()) {
            return PeerText.quote("DNS:" + String.join(", DNS:", names));
        }
        if (!names.isEmpty()) {
            return PeerText.quote("CN=" + names.get(0));
        }
        return certificate.commonName().map(cn -> "no subjectAltName (" + PeerText.quote("CN=" + cn)
                + " names a server only in a v1 certificate without extensions)").orElse("no name");
    }
}
