package dev.minitls.cli.inspect;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.domain.Bytes;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.trust.LeafNames;
import dev.minitls.domain.trust.ServerCertificateValidator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code minitls inspect}: what a learner wants to know of a PEM file, whoever made it (minitls, the original
 * program, openssl). A certificate shows its version, serial number, names, validity, key, extensions and
 * signature, and, given a CA, whether it verifies against it as a minitls client checks a server's certificate. A
 * private key is never shown: only its type and the public key that goes with it.
 */
public final class Inspector {

    private static final Pattern BEGIN = Pattern.compile("^-----BEGIN ([A-Z0-9 ]+)-----$", Pattern.MULTILINE);
    private static final List<String> KEY_ALGORITHMS = List.of("Ed25519", "Ed448", "X25519", "X448", "RSA", "EC",
            "DSA");
    private static final String ED25519_SPKI_PREFIX = "302a300506032b6570032100";
    private static final int ED25519_KEY_LENGTH = 32;
    private static final int HEX_PER_LINE = 64;
    private static final String INDENT = "  ";
    private static final int LABEL_WIDTH = 22;

    private final CryptoProvider crypto;
    private final Clock clock;

    public Inspector(CryptoProvider crypto, Clock clock) {
        this.crypto = crypto;
        this.clock = clock;
    }

    /** A certificate that others are checked against, and the name to call it by. */
    public record Authority(String name, Certificate certificate) {
    }

    /**
     * What one file holds, line by line.
     *
     * @param verified false when a CA was given and a certificate does not verify against it; true otherwise
     */
    public record Inspection(List<String> lines, boolean verified) {
    }

    /**
     * Describes the single PEM block of {@code pem}, a certificate, a private key or a public key; or each of the
     * certificates of a server's chain file (its own, then its issuers', at most {@link ServerConfig#MAX_CHAIN}),
     * of which the first is checked against {@code ca}.
     *
     * @param name how to call the file in the first line
     * @throws UserError when it is not one PEM block of those kinds, or the block does not parse
     */
    public Inspection inspect(String name, byte[] pem, Optional<Authority> ca) {
        Matcher begin = BEGIN.matcher(new String(pem, StandardCharsets.US_ASCII));
        if (!begin.find()) {
            throw new UserError(name + ": not a PEM file (no -----BEGIN line)");
        }
        try {
            return switch (begin.group(1)) {
                case Pem.CERTIFICATE -> certificates(name, Pem.decodeAll(Pem.CERTIFICATE, pem, ServerConfig.MAX_CHAIN),
                        ca);
                case "PRIVATE KEY" -> new Inspection(privateKey(name, pem), true);
                case "PUBLIC KEY" -> new Inspection(publicKey(name, pem), true);
                default -> throw new UserError(name + ": a PEM \"" + begin.group(1) + "\" block; inspect reads"
                        + " CERTIFICATE, PRIVATE KEY and PUBLIC KEY");
            };
        } catch (CryptoException e) {
            throw new UserError(name + ": " + e.getMessage());
        }
    }

    private Inspection certificates(String name, List<byte[]> chain, Optional<Authority> ca) {
        if (chain.size() == 1) {
            return certificate(name + ": X.509 certificate", crypto.parseCertificate(chain.get(0)), ca);
        }
        List<String> lines = new ArrayList<>();
        boolean verified = true;
        for (int i = 0; i < chain.size(); i++) {
            Inspection one = certificate(name + ": X.509 certificate " + (i + 1) + " of " + chain.size()
                    + (i == 0 ? " (the server's)" : " (an issuer's)"), crypto.parseCertificate(chain.get(i)),
                    i == 0 ? ca : Optional.empty());
            lines.addAll(one.lines());
            verified &= one.verified();
        }
        return new Inspection(lines, verified);
    }

    private Inspection certificate(String title, Certificate certificate, Optional<Authority> ca) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        field(lines, "version", Integer.toString(certificate.version()));
        field(lines, "serial number", certificate.serialNumber().toString(16));
        field(lines, "subject", certificate.subjectText());
        field(lines, "issuer", certificate.issuerText()
                + (Arrays.equals(certificate.issuer(), certificate.subject()) ? " (self-issued)" : ""));
        field(lines, "not before", certificate.notBefore().toString());
        field(lines, "not after", certificate.notAfter() + " (" + validity(certificate) + ")");
        field(lines, "names", names(certificate));
        field(lines, "key", certificate.keyAlgorithm() + ", " + certificate.publicKey().length + " bytes"
                + (certificate.hasEd25519Key() ? "" : " of SubjectPublicKeyInfo"));
        hex(lines, "", certificate.publicKey());
        List<String> extensions = Extensions.describe(certificate);
        field(lines, "extensions", extensions.isEmpty() ? "none (an X.509 v" + certificate.version()
                + " certificate without extensions)" : extensions.get(0));
        extensions.stream().skip(1).forEach(extension -> field(lines, "", extension));
        field(lines, "signature algorithm", certificate.signatureAlgorithm());
        hex(lines, "signature", certificate.signature());
        hex(lines, "SHA-256 fingerprint", sha256(certificate.der()));
        boolean verified = true;
        if (ca.isPresent()) {
            Optional<String> failure = failure(certificate, ca.get().certificate());
            verified = failure.isEmpty();
            field(lines, "verifies", failure.map(reason -> "no, against " + ca.get().name() + ": " + reason)
                    .orElse("yes, against " + ca.get().name() + " (issuer, CA flags, signature, validity, the"
                            + " certificate's own extensions and name checked as a minitls client does)"));
        }
        return new Inspection(lines, verified);
    }

    /** Why {@code certificate} does not verify against {@code ca} as a client checks a server, or empty. */
    private Optional<String> failure(Certificate certificate, Certificate ca) {
        Optional<String> name = certificate.dnsNames().stream().findFirst().or(certificate::commonName);
        if (name.isEmpty()) {
            return Optional.of("the certificate names nobody (no CN, no DNS name)");
        }
        try {
            // as a v1 client checks, which accepts the seed's certificates too (a v2 client wants a DNS name)
            new ServerCertificateValidator(crypto, List.of(ca), clock, LeafNames.SUBJECT_ALT_NAME_OR_SEED_COMMON_NAME)
                    .validate(certificate, name.get());
            return Optional.empty();
        } catch (IllegalArgumentException | ProtocolException e) {
            return Optional.of(e.getMessage());
        }
    }

    private String validity(Certificate certificate) {
        Instant now = clock.instant();
        if (now.isBefore(certificate.notBefore())) {
            return "not valid yet";
        }
        return now.isAfter(certificate.notAfter()) ? "expired" : "valid now";
    }

    private static String names(Certificate certificate) {
        List<String> names = new ArrayList<>();
        certificate.commonName().ifPresent(cn -> names.add("CN=" + cn));
        certificate.dnsNames().forEach(dns -> names.add("DNS:" + dns));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /**
     * Never the private key itself: its kind, the public key that belongs to it as a certificate holds it, and what
     * minitls signs with it (or why it does not).
     */
    private List<String> privateKey(String name, byte[] pem) {
        List<String> lines = new ArrayList<>();
        byte[] der = Pem.decode("PRIVATE KEY", pem);
        String algorithm = algorithmOf(factory -> factory.generatePrivate(new PKCS8EncodedKeySpec(der)))
                .orElseThrow(() -> new UserError(name + ": a PRIVATE KEY block that is no PKCS#8 key the JDK reads"));
        lines.add(name + ": " + algorithm + " private key (PKCS#8); the private key itself is not shown");
        SigningKey key;
        try {
            key = crypto.signingKey(der);
        } catch (CryptoException e) {
            field(lines, "note", "minitls does not sign with this key: " + e.getMessage());
            return lines;
        } finally {
            Arrays.fill(der, (byte) 0);
        }
        byte[] publicKey = key.publicKey();
        field(lines, "public key", algorithm.equals("Ed25519")
                ? "Ed25519, 32 bytes (the one a certificate for this key holds)"
                : algorithm + ", " + publicKey.length + " bytes of SubjectPublicKeyInfo (as a certificate holds it)");
        hex(lines, "", publicKey);
        field(lines, "signs with", key.algorithms().stream().map(Object::toString).collect(Collectors.joining(", "))
                + (key.algorithms().contains(SignatureAlgorithm.ED25519) ? "" : " (TLS 1.3 only)"));
        return lines;
    }

    private List<String> publicKey(String name, byte[] pem) {
        List<String> lines = new ArrayList<>();
        byte[] der = Pem.decode("PUBLIC KEY", pem);
        String algorithm = algorithmOf(factory -> factory.generatePublic(new X509EncodedKeySpec(der)))
                .orElseThrow(() -> new UserError(name + ": a PUBLIC KEY block that is no key the JDK reads"));
        boolean ed25519 = algorithm.equals("Ed25519") && der.length == ED25519_SPKI_PREFIX.length() / 2
                + ED25519_KEY_LENGTH && Bytes.hex(der).startsWith(ED25519_SPKI_PREFIX);
        lines.add(name + ": " + algorithm + " public key (SubjectPublicKeyInfo)");
        if (ed25519) {
            field(lines, "key", "Ed25519, 32 bytes");
            hex(lines, "", Arrays.copyOfRange(der, der.length - ED25519_KEY_LENGTH, der.length));
        } else {
            field(lines, "key", algorithm + ", " + der.length + " bytes of SubjectPublicKeyInfo");
            hex(lines, "", der);
        }
        return lines;
    }

    /** Makes a key of some algorithm from an encoding. */
    @FunctionalInterface
    private interface KeyReader {
        Key read(KeyFactory factory) throws GeneralSecurityException;
    }

    /** The first algorithm whose JDK key factory reads the key. */
    private static Optional<String> algorithmOf(KeyReader reader) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                reader.read(KeyFactory.getInstance(algorithm));
                return Optional.of(algorithm);
            } catch (GeneralSecurityException | ClassCastException e) {
                // Not this algorithm.
            }
        }
        return Optional.empty();
    }

    private byte[] sha256(byte[] bytes) {
        HashContext hash = crypto.hash(HashAlgorithm.SHA256);
        hash.update(bytes);
        return hash.digestSoFar();
    }

    /** One labelled line; the value is escaped, since a certificate file's names are anyone's text. */
    private static void field(List<String> lines, String label, String value) {
        lines.add(INDENT + String.format("%-" + LABEL_WIDTH + "s", label) + " " + PeerText.escape(value));
    }

    private static void hex(List<String> lines, String label, byte[] bytes) {
        String hex = Bytes.hex(bytes);
        for (int start = 0; start < hex.length(); start += HEX_PER_LINE) {
            field(lines, start == 0 ? label : "", hex.substring(start, Math.min(hex.length(), start + HEX_PER_LINE)));
        }
    }
}
