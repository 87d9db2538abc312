package dev.minitls.domain.trust;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.CertificateAlgorithms;
import dev.minitls.domain.cert.KeyUsage;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.SignatureAlgorithm;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Seed step 11, done properly: decides whether the server's certificate is one this client trusts for the name it
 * asked for. It builds a path from the server's certificate through the intermediate CAs the server sent (in any
 * order; the ones not needed are ignored) to one of the trust anchors (RFC 5280 section 6, without policies and name
 * constraints, which are refused when critical), and checks at every level: the issuer's name and signature, the
 * validity period against the clock, that every issuer is a CA allowed to sign certificates (BasicConstraints
 * CA:true, KeyUsage keyCertSign when present), pathLenConstraint, and that every key is one minitls takes (Ed25519,
 * EC P-256, RSA of at least 2048 bits). Then the leaf's own extensions (not a CA, KeyUsage and ExtendedKeyUsage allow
 * a TLS server, no critical extension it does not know) and the server's name (RFC 6125, one left-most wildcard).
 * The v1 and v2 handshakes, whose Certificate carries one certificate, validate a path of length 1 or 2 through the
 * same code.
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
    /** The longest path accepted, in certificates: the server's, up to six intermediate CAs, the trust anchor. */
    public static final int MAX_PATH_LENGTH = 8;
    /** The most intermediate certificates a server may send; more is refused before any is looked at. */
    public static final int MAX_INTERMEDIATES = 16;
    /**
     * The most candidate issuers (so signatures) one validation tries while it searches for a path: a bound on the
     * work a server can cause with many CAs of the same name.
     */
    static final int MAX_CANDIDATES = 64;

    private final CryptoProvider crypto;
    private final List<Certificate> trustAnchors;
    private final Clock clock;
    private final LeafNames leafNames;

    /**
     * @param trustAnchors the Root CA certificates this client trusts, one or more, each as
     *     {@link #requireUsableRoot} requires
     * @param leafNames where the server's certificate may carry its name: the protocol decides
     * @throws IllegalArgumentException when there is no trust anchor, or one cannot be a trust anchor
     */
    public ServerCertificateValidator(CryptoProvider crypto, List<Certificate> trustAnchors, Clock clock,
            LeafNames leafNames) {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one trusted root CA");
        }
        trustAnchors.forEach(ServerCertificateValidator::requireUsableRoot);
        this.crypto = crypto;
        this.trustAnchors = List.copyOf(trustAnchors);
        this.clock = clock;
        this.leafNames = leafNames;
    }

    /**
     * What a trust anchor must be: a key minitls verifies with (Ed25519, EC P-256, RSA of at least 2048 bits), and
     * not declared unfit to issue certificates (BasicConstraints CA:false, or a KeyUsage without keyCertSign). It
     * need not be self-signed, nor have BasicConstraints at all (the seed's root has no extensions): the user chose
     * to trust it (RFC 5280 section 6.1.1 d takes a trust anchor's name and key as given). Its validity is checked
     * against the clock at each handshake.
     *
     * @throws IllegalArgumentException when {@code trustedRoot} cannot be a root this validator checks against
     */
    public static void requireUsableRoot(Certificate trustedRoot) {
        Optional<String> unusableKey = CertificateAlgorithms.unusableKey(trustedRoot);
        if (unusableKey.isPresent()) {
            throw new IllegalArgumentException("the trusted root CA " + trustedRoot.subjectText() + " has "
                    + unusableKey.get());
        }
        if (trustedRoot.basicConstraintsCa().filter(ca -> !ca).isPresent()) {
            throw new IllegalArgumentException("the trusted root CA " + trustedRoot.subjectText()
                    + " is not a CA (BasicConstraints CA:false)");
        }
        if (trustedRoot.keyUsage().filter(usages -> !usages.contains(KeyUsage.KEY_CERT_SIGN)).isPresent()) {
            throw new IllegalArgumentException("the trusted root CA " + trustedRoot.subjectText()
                    + " may not sign certificates (its KeyUsage has no keyCertSign)");
        }
    }

    /** {@link #validate(Certificate, List, String)} for a server that sent its own certificate only. */
    public TrustedCertificate validate(Certificate server, String expectedName) {
        return validate(server, List.of(), expectedName);
    }

    /**
     * Refuses a server that sent more than {@link #MAX_INTERMEDIATES} certificates besides its own: checked before
     * they are parsed, too.
     *
     * @throws ProtocolException with {@code BAD_CERTIFICATE}
     */
    public static void requireFewIntermediates(int intermediates) {
        if (intermediates > MAX_INTERMEDIATES) {
            throw new ProtocolException(Failure.BAD_CERTIFICATE, "the server sent " + intermediates
                    + " certificates besides its own, more than the " + MAX_INTERMEDIATES + " accepted");
        }
    }

    /**
     * Checks {@code server} and returns proof that it is trusted for {@code expectedName}.
     *
     * @param intermediates the other certificates the server sent, in any order
     * @throws ProtocolException naming the first check that failed, and the certificate that failed it
     */
    public TrustedCertificate validate(Certificate server, List<Certificate> intermediates, String expectedName) {
        requireFewIntermediates(intermediates.size());
        Instant now = clock.instant();
        List<Certificate> path = new PathSearch(server, intermediates, now).run();
        checkValidity(server, "the server certificate", now);
        checkLeafExtensions(server);
        List<String> names = namesOf(server);
        if (names.stream().noneMatch(name -> HostNames.matches(name, expectedName))) {
            throw new ProtocolException(Failure.NAME_MISMATCH, "issued to " + describe(server, names) + ", not to "
                    + expectedName);
        }
        Optional<String> unusableKey = CertificateAlgorithms.unusableKey(server);
        if (unusableKey.isPresent()) {
            throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE, "the server certificate has "
                    + unusableKey.get());
        }
        return new TrustedCertificate(path);
    }

    /**
     * A depth-first search for a path from the server's certificate to a trust anchor: at each level the trust
     * anchors named as the issuer first, then the intermediates so named, each tried in turn when one fails. When
     * no path is found, the failure reported is the one found deepest in the search (the first of those), so that
     * a missing intermediate reads as unknown_ca, an intermediate with a bad signature as bad_certificate.
     */
    private final class PathSearch {
        private final Certificate server;
        private final List<Certificate> intermediates;
        private final Instant now;
        private int candidatesTried;
        private ProtocolException deepest;
        private int deepestLevel = -1;

        PathSearch(Certificate server, List<Certificate> intermediates, Instant now) {
            this.server = server;
            this.intermediates = intermediates;
            this.now = now;
        }

        List<Certificate> run() {
            List<Certificate> path = new ArrayList<>(List.of(server));
            if (extend(path)) {
                return path;
            }
            throw deepest;
        }

        /** Tries to complete {@code path} (leaf first) up to a trust anchor; true with the anchor appended. */
        private boolean extend(List<Certificate> path) {
            Certificate child = path.get(path.size() - 1);
            boolean candidates = false;
            for (Certificate anchor : trustAnchors) {
                if (Arrays.equals(anchor.subject(), child.issuer())) {
                    candidates = true;
                    if (tryIssuer(path, anchor, true)) {
                        path.add(anchor);
                        return true;
                    }
                }
            }
            for (Certificate issuer : intermediates) {
                if (!Arrays.equals(issuer.subject(), child.issuer()) || Arrays.equals(issuer.der(), child.der())) {
                    continue;
                }
                candidates = true;
                if (path.stream().anyMatch(onPath -> Arrays.equals(onPath.der(), issuer.der()))) {
                    fail(path.size(), Failure.BAD_CERTIFICATE, "the certificates sent form a loop: "
                            + which(child, path) + " is issued by " + which(issuer, path) + ", which is already on "
                            + "the path");
                } else if (path.size() + 2 > MAX_PATH_LENGTH) {
                    fail(path.size(), Failure.BAD_CERTIFICATE, "the path from the server certificate to a trusted "
                            + "root CA is longer than " + MAX_PATH_LENGTH + " certificates");
                } else if (tryIssuer(path, issuer, false)) {
                    path.add(issuer);
                    if (extend(path)) {
                        return true;
                    }
                    path.remove(path.size() - 1);
                }
            }
            if (!candidates) {
                fail(path.size(), Failure.UNKNOWN_CA, (path.size() == 1 ? "" : which(child, path) + " is ")
                        + "issued by " + PeerText.quote(child.issuerText()) + ", not by " + anchorsText());
            }
            return false;
        }

        /**
         * Checks that {@code issuer} may sign {@code path}'s last certificate and did: false, noted, if not. The
         * search ends at once when it has tried {@value #MAX_CANDIDATES} issuers.
         */
        private boolean tryIssuer(List<Certificate> path, Certificate issuer, boolean anchor) {
            if (++candidatesTried > MAX_CANDIDATES) {
                throw new ProtocolException(Failure.BAD_CERTIFICATE, "no path to a trusted root CA among the first "
                        + MAX_CANDIDATES + " candidate issuers the certificates sent offer");
            }
            try {
                checkIssuer(path, issuer, anchor);
                return true;
            } catch (ProtocolException e) {
                note(path.size(), e);
                return false;
            }
        }

        private void fail(int level, Failure failure, String message) {
            note(level, new ProtocolException(failure, message));
        }

        /** Keeps the failure found deepest in the search; at the same depth, the first. */
        private void note(int level, ProtocolException e) {
            if (level > deepestLevel) {
                deepestLevel = level;
                deepest = e;
            }
        }

        private void checkIssuer(List<Certificate> path, Certificate issuer, boolean anchor) {
            Certificate child = path.get(path.size() - 1);
            String issuerText = anchor ? "the trusted root CA " + issuer.subjectText() : which(issuer, path);
            if (!anchor) {
                // a trust anchor passed requireUsableRoot when this validator was made
                checkIntermediate(issuer, issuerText, child == server ? "the server certificate" : which(child, path));
            }
            String signatureAlgorithm = child.signatureAlgorithm();
            if (!CertificateAlgorithms.isVerified(signatureAlgorithm)) {
                throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE, (child == server ? ""
                        : which(child, path) + ": ") + "signature algorithm " + PeerText.quote(signatureAlgorithm)
                        + " is not one minitls verifies (Ed25519, ecdsa-with-SHA256, sha256WithRSAEncryption, "
                        + "RSASSA-PSS with SHA-256)");
            }
            Optional<SignatureAlgorithm> verification = verification(signatureAlgorithm, issuer);
            if (verification.isEmpty() || !crypto.verifyCertificate(verification.get(), issuer.publicKey(), child)) {
                throw new ProtocolException(Failure.BAD_CERTIFICATE, (child == server ? ""
                        : which(child, path) + " is ") + "not signed by " + issuerText);
            }
            checkValidity(issuer, issuerText, now);
            Optional<Integer> pathLen = issuer.pathLenConstraint();
            long below = path.stream().skip(1).filter(ca -> !ca.isSelfIssued()).count();
            if (pathLen.isPresent() && below > pathLen.get()) {
                throw new ProtocolException(Failure.BAD_CERTIFICATE, issuerText + " allows " + pathLen.get()
                        + " intermediate CA(s) below it (pathLenConstraint), the path has " + below);
            }
        }

        /**
         * What an intermediate CA must be (RFC 5280 section 6.1.4 k, n): BasicConstraints CA:true (a certificate
         * without it, a v1 one included, is no CA), keyCertSign when it has KeyUsage (RFC 5280 section 4.2.1.3: no
         * KeyUsage, no restriction), no critical extension minitls does not know, a key minitls takes.
         */
        private void checkIntermediate(Certificate issuer, String issuerText, String childText) {
            if (!issuer.basicConstraintsCa().orElse(false)) {
                throw new ProtocolException(Failure.BAD_CERTIFICATE, issuerText + ", the issuer of " + childText
                        + ", is not a CA (" + (issuer.basicConstraintsCa().isPresent() ? "BasicConstraints CA:false"
                        : "no BasicConstraints") + ")");
            }
            if (issuer.keyUsage().filter(usages -> !usages.contains(KeyUsage.KEY_CERT_SIGN)).isPresent()) {
                throw new ProtocolException(Failure.BAD_CERTIFICATE, issuerText + ", the issuer of " + childText
                        + ", may not sign certificates (its KeyUsage has no keyCertSign)");
            }
            checkCriticalExtensions(issuer, issuerText + " has");
            Optional<String> unusableKey = CertificateAlgorithms.unusableKey(issuer);
            if (unusableKey.isPresent()) {
                throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE, issuerText + " has "
                        + unusableKey.get());
            }
        }
    }

    /**
     * How a certificate signed with {@code signatureAlgorithm} is verified with {@code issuer}'s key: the port's
     * algorithm, when the two go together (an Ed25519 signature with an Ed25519 key, ECDSA with an EC P-256 key,
     * PKCS#1 v1.5 or PSS with an RSA key).
     */
    private static Optional<SignatureAlgorithm> verification(String signatureAlgorithm, Certificate issuer) {
        String key = issuer.keyAlgorithm();
        return Optional.ofNullable(switch (signatureAlgorithm) {
            case CertificateAlgorithms.ED25519 -> issuer.hasEd25519Key() ? SignatureAlgorithm.ED25519 : null;
            case CertificateAlgorithms.ECDSA_SHA256 -> key.equals(CertificateAlgorithms.EC_P256)
                    ? SignatureAlgorithm.ECDSA_SECP256R1_SHA256 : null;
            case CertificateAlgorithms.RSA_PKCS1_SHA256 -> key.equals(CertificateAlgorithms.RSA)
                    ? SignatureAlgorithm.RSA_PKCS1_SHA256 : null;
            case CertificateAlgorithms.RSA_PSS_SHA256 -> key.equals(CertificateAlgorithms.RSA)
                    ? SignatureAlgorithm.RSA_PSS_RSAE_SHA256 : null;
            default -> null;
        });
    }

    /** An intermediate certificate, by its subject, and its place in the path (the server's is 0). */
    private static String which(Certificate certificate, List<Certificate> path) {
        int level = path.indexOf(certificate);
        return "the intermediate certificate " + PeerText.quote(certificate.subjectText())
                + (level > 0 ? " (level " + level + ")" : "");
    }

    private String anchorsText() {
        return trustAnchors.size() == 1 ? "the trusted root CA " + trustAnchors.get(0).subjectText()
                : "any of the " + trustAnchors.size() + " trusted root CAs";
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

    private static void checkCriticalExtensions(Certificate certificate, String subject) {
        for (Certificate.Extension extension : certificate.extensions()) {
            if (extension.critical() && !KNOWN_EXTENSIONS.contains(extension.oid())) {
                throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE,
                        subject + " a critical extension minitls does not know (" + extension.oid() + ")");
            }
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
        checkCriticalExtensions(server, "it has");
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
