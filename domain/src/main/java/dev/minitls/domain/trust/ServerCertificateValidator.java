package dev.minitls.domain.trust;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.CryptoProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * Seed step 11, done properly: decides whether the server's certificate is one this client trusts for the name it
 * asked for. The original program only checked the signature; this also checks the issuer's name and CA flag, the
 * validity period against the clock, the server's name, and that both keys are Ed25519.
 */
public final class ServerCertificateValidator {

    private final CryptoProvider crypto;
    private final Certificate trustedRoot;
    private final Clock clock;

    /**
     * @param trustedRoot the Root CA certificate this client trusts; it must hold an Ed25519 key
     * @throws IllegalArgumentException when the root's key is not Ed25519
     */
    public ServerCertificateValidator(CryptoProvider crypto, Certificate trustedRoot, Clock clock) {
        requireUsableRoot(trustedRoot);
        this.crypto = crypto;
        this.trustedRoot = trustedRoot;
        this.clock = clock;
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
        if (!matchesName(server, expectedName)) {
            throw new ProtocolException(Failure.NAME_MISMATCH, "issued to " + namesOf(server) + ", not to "
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

    /** The subjectAltName dNSNames when there are any (RFC 6125), otherwise the CN; exact, case-insensitive. */
    private static boolean matchesName(Certificate certificate, String expectedName) {
        if (!certificate.dnsNames().isEmpty()) {
            return certificate.dnsNames().stream().anyMatch(name -> sameHostName(name, expectedName));
        }
        return certificate.commonName().map(cn -> sameHostName(cn, expectedName)).orElse(false);
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
    private static String namesOf(Certificate certificate) {
        if (!certificate.dnsNames().isEmpty()) {
            return PeerText.quote("DNS:" + String.join(", DNS:", certificate.dnsNames()));
        }
        return certificate.commonName().map(cn -> PeerText.quote("CN=" + cn)).orElse("no name");
    }
}
