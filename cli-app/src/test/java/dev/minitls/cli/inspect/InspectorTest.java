package dev.minitls.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.inspect.Inspector.Authority;
import dev.minitls.cli.inspect.Inspector.Inspection;
import dev.minitls.cli.support.HostileCertificates;
import dev.minitls.cli.support.Providers;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code inspect} reads the files {@code certs} makes, those openssl makes and those the original program makes,
 * with either provider: every field a learner needs, a verdict against a CA, and never a private key's bytes.
 */
class InspectorTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void namesHoldingControlCharactersAreShownEscapedOnOneLine(CryptoChoice provider) throws Exception {
        CryptoProvider crypto = Providers.of(provider);
        Path file = dir.resolve("hostile.pem");
        Files.write(file, HostileCertificates.certificate("CN=issuer", "CN=evil\u001b[2J\rname",
                crypto.ed25519SigningKey(new byte[32]).publicKey()));
        Inspector inspector = new Inspector(crypto, Clock.systemUTC());

        Inspection server = inspect(inspector, file, Optional.empty());

        assertThat(server.lines()).noneMatch(line -> line.chars().anyMatch(Character::isISOControl));
        assertThat(server.lines()).contains(field("subject", "CN=evil\\u001b[2J\\u000dname"));
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void readsEveryFileCertsMakesAndTheServerCertificateVerifiesAgainstTheRoot(CryptoChoice provider)
            throws Exception {
        PkiFiles pki = new PkiFiles(dir);
        PkiWriter.write(pki, PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        Inspector inspector = new Inspector(Providers.of(provider), Clock.systemUTC());
        Authority root = authority(provider, pki.rootCertificate());

        Inspection server = inspect(inspector, pki.serverCertificate(), Optional.of(root));
        assertThat(server.verified()).isTrue();
        assertThat(server.lines()).first().isEqualTo(pki.serverCertificate() + ": X.509 certificate");
        assertThat(server.lines()).contains(
                field("version", "3"),
                field("subject", "CN=example-server"),
                field("issuer", rootName(pki)),
                field("names", "CN=example-server, DNS:example-server"),
                field("key", "Ed25519, 32 bytes"),
                field("", publicKeyHex(pki.serverPublicKey())),
                field("", "keyUsage (2.5.29.15, critical): digitalSignature"),
                field("", "subjectAltName (2.5.29.17): DNS:example-server"),
                field("", "basicConstraints (2.5.29.19, critical): CA:false"),
                field("signature algorithm", "Ed25519"),
                field("SHA-256 fingerprint", sha256OfDer(pki.serverCertificate())),
                field("verifies", "yes, against " + root.name() + " (issuer, CA flags, signature, validity, the"
                        + " certificate's own extensions and name checked as a minitls client does)"));
        assertThat(server.lines()).anyMatch(line -> line.matches(" {2}not after {14}\\S+ \\(valid now\\)"));

        // the root is a CA: a client takes no CA certificate for a server's (RFC 5280; rustls, BoringSSL, Go)
        Inspection rootItself = inspect(inspector, pki.rootCertificate(), Optional.of(root));
        assertThat(rootItself.verified()).isFalse();
        assertThat(rootItself.lines()).contains(field("verifies", "no, against " + root.name() + ": certificate "
                + "rejected: the server certificate is a CA certificate (BasicConstraints CA:true), not a server's"));
        assertThat(rootItself.lines()).contains(field("issuer", rootName(pki) + " (self-issued)"),
                field("", "keyUsage (2.5.29.15, critical): keyCertSign, cRLSign"),
                field("", "basicConstraints (2.5.29.19, critical): CA:true"));

        Inspection privateKey = inspect(inspector, pki.serverPrivateKey(), Optional.empty());
        assertThat(privateKey.lines()).containsExactly(
                pki.serverPrivateKey() + ": Ed25519 private key (PKCS#8); the private key itself is not shown",
                field("public key", "Ed25519, 32 bytes (the one a certificate for this key holds)"),
                field("", publicKeyHex(pki.serverPublicKey())),
                field("signs with", "ed25519"));
        assertNoPrivateKeyIn(privateKey, pki.serverPrivateKey());
        assertThat(inspect(inspector, pki.rootPublicKey(), Optional.empty()).lines()).containsExactly(
                pki.rootPublicKey() + ": Ed25519 public key (SubjectPublicKeyInfo)",
                field("key", "Ed25519, 32 bytes"), field("", publicKeyHex(pki.rootPublicKey())));
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void readsWhatOpensslMakes(CryptoChoice provider) throws Exception {
        assumeTrue(opensslAvailable(), "skipped: openssl is not available");
        run(openssl("genpkey", "-algorithm", "ed25519", "-out", "key.pem"));
        run(openssl("req", "-x509", "-key", "key.pem", "-subj", "/CN=openssl.example", "-addext",
                "subjectAltName=DNS:openssl.example", "-days", "2", "-out", "cert.pem"));
        run(openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"));
        run(openssl("genpkey", "-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa.pem"));
        Subprocess fingerprint = openssl("x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha256");
        run(fingerprint);
        Inspector inspector = new Inspector(Providers.of(provider), Clock.systemUTC());

        Inspection certificate = inspect(inspector, dir.resolve("cert.pem"),
                Optional.of(authority(provider, dir.resolve("cert.pem"))));
        // openssl's -x509 makes a CA (CA:TRUE): it may be its own root, but a client takes no CA for a server's
        assertThat(certificate.verified()).isFalse();
        assertThat(certificate.lines()).anyMatch(line -> line.endsWith(": certificate rejected: the server "
                + "certificate is a CA certificate (BasicConstraints CA:true), not a server's"));
        assertThat(certificate.lines()).contains(field("subject", "CN=openssl.example"),
                field("names", "CN=openssl.example, DNS:openssl.example"),
                field("", publicKeyHex(dir.resolve("pub.pem"))),
                field("SHA-256 fingerprint", fingerprint.stdout().get(0).replaceFirst("^.*=", "").replace(":", "")
                        .toLowerCase(Locale.ROOT)));
        Inspection key = inspect(inspector, dir.resolve("key.pem"), Optional.empty());
        assertThat(key.lines()).contains(field("", publicKeyHex(dir.resolve("pub.pem"))));
        assertNoPrivateKeyIn(key, dir.resolve("key.pem"));
        List<String> rsa1024 = inspect(inspector, dir.resolve("rsa.pem"), Optional.empty()).lines();
        assertThat(rsa1024).hasSize(2).first().isEqualTo(
                dir.resolve("rsa.pem") + ": RSA private key (PKCS#8); the private key itself is not shown");
        assertThat(rsa1024.get(1)).startsWith(field("note", "minitls does not sign with this key: "))
                .contains("2048");
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void readsWhatTheOriginalProgramMakes(CryptoChoice provider) throws Exception {
        assumeTrue(pythonWithCryptography(), "skipped: python3 with the cryptography package is not available");
        Path script = Path.of(getClass().getResource("/interop/seed_certs.py").toURI());
        run(Subprocess.start(dir, List.of("python3", script.toString(), "--dir", ".")));
        PkiFiles pki = new PkiFiles(dir);
        // The original's certificates are valid from 1970 to 2030.
        Inspector inspector = new Inspector(Providers.of(provider),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

        Inspection server = inspect(inspector, pki.serverCertificate(),
                Optional.of(authority(provider, pki.rootCertificate())));
        assertThat(server.verified()).isTrue();
        assertThat(server.lines()).contains(field("names", "CN=example-server"),
                field("extensions", "none (an X.509 v3 certificate without extensions)"),
                field("", publicKeyHex(pki.serverPublicKey())));
        assertThat(inspect(inspector, pki.serverPrivateKey(), Optional.empty()).lines())
                .contains(field("", publicKeyHex(pki.serverPublicKey())));
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void aCertificateThatDoesNotVerifySaysWhy(CryptoChoice provider) throws Exception {
        PkiFiles mine = new PkiFiles(dir.resolve("mine"));
        PkiFiles other = new PkiFiles(dir.resolve("other"));
        PkiWriter.write(mine, PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        PkiWriter.write(other, PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(3));
        Authority otherRoot = authority(provider, other.rootCertificate());

        Inspection foreign = inspect(new Inspector(Providers.of(provider), Clock.systemUTC()),
                mine.serverCertificate(), Optional.of(otherRoot));
        Inspection expired = inspect(new Inspector(Providers.of(provider), later), mine.serverCertificate(),
                Optional.of(authority(provider, mine.rootCertificate())));

        assertThat(foreign.verified()).isFalse();
        assertThat(foreign.lines()).last().asString().isEqualTo(field("verifies", "no, against " + otherRoot.name()
                + ": certificate rejected: issued by \"" + rootName(mine) + "\", not by the trusted root CA "
                + rootName(other)));
        assertThat(expired.verified()).isFalse();
        assertThat(expired.lines()).anyMatch(line -> line.endsWith(" (expired)"));
        assertThat(expired.lines()).last().asString().contains("no, against ", "expired at ");
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void whatIsNotACertificateOrKeyPemIsRefusedNamingTheFile(CryptoChoice provider) throws IOException {
        Inspector inspector = new Inspector(Providers.of(provider), Clock.systemUTC());
        String rsaLegacy = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        String badCertificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        String badKey = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
        String badPrivateKey = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";

        assertRefused(inspector, "hello\n", "f: not a PEM file (no -----BEGIN line)");
        assertRefused(inspector, rsaLegacy,
                "f: a PEM \"RSA PRIVATE KEY\" block; inspect reads CERTIFICATE, PRIVATE KEY and PUBLIC KEY");
        assertRefused(inspector, badCertificate, "f: X.509 certificate: ");
        assertRefused(inspector, badKey, "f: a PUBLIC KEY block that is no key the JDK reads");
        assertRefused(inspector, badPrivateKey, "f: a PRIVATE KEY block that is no PKCS#8 key the JDK reads");
        assertRefused(inspector, "text before\n" + badKey, "f: PEM PUBLIC KEY: text before the BEGIN line");
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void aCaWithoutAnEd25519KeyOrACertificateWithoutANameCannotVerify(CryptoChoice provider) throws Exception {
        assumeTrue(opensslAvailable(), "skipped: openssl is not available");
        run(openssl("req", "-x509", "-newkey", "rsa:1024", "-nodes", "-keyout", "rsa-key.pem", "-subj",
                "/CN=rsa.example", "-days", "2", "-out", "rsa-cert.pem"));
        run(openssl("genpkey", "-algorithm", "ed25519", "-out", "key.pem"));
        run(openssl("req", "-x509", "-key", "key.pem", "-subj", "/O=nobody", "-days", "2", "-out", "nameless.pem"));
        Inspector inspector = new Inspector(Providers.of(provider), Clock.systemUTC());
        PkiFiles pki = new PkiFiles(dir);
        PkiWriter.write(pki, PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);

        Inspection rsaCa = inspect(inspector, pki.serverCertificate(),
                Optional.of(authority(provider, dir.resolve("rsa-cert.pem"))));
        Inspection nameless = inspect(inspector, dir.resolve("nameless.pem"),
                Optional.of(authority(provider, dir.resolve("nameless.pem"))));

        assertThat(rsaCa.lines()).last().asString()
                .endsWith(": the trusted root CA CN=rsa.example has an RSA key of 1024 bits, under the 2048 minitls "
                        + "requires");
        assertThat(nameless.lines()).contains(field("names", "none"));
        assertThat(nameless.lines()).last().asString().endsWith(": the certificate names nobody (no CN, no DNS name)");
        assertThat(List.of(rsaCa.verified(), nameless.verified())).containsOnly(false);
    }

    private void assertRefused(Inspector inspector, String pem, String messageStart) {
        assertThatThrownBy(() -> inspector.inspect("f", pem.getBytes(StandardCharsets.US_ASCII), Optional.empty()))
                .isInstanceOf(UserError.class).hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static Inspection inspect(Inspector inspector, Path file, Optional<Authority> ca) throws IOException {
        return inspector.inspect(file.toString(), Files.readAllBytes(file), ca);
    }

    private static Authority authority(CryptoChoice provider, Path file) throws IOException {
        CryptoProvider crypto = Providers.of(provider);
        return new Authority(file.toString(),
                crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, Files.readAllBytes(file))));
    }

    /** The raw key at the end of a 44-byte Ed25519 SubjectPublicKeyInfo (RFC 8410), read without the code under test. */
    private static String publicKeyHex(Path publicKeyPem) throws IOException {
        byte[] spki = Pem.decode("PUBLIC KEY", Files.readAllBytes(publicKeyPem));
        assertThat(spki).hasSize(44);
        return HEX.formatHex(spki, 12, 44);
    }

    private static String sha256OfDer(Path certificate) throws Exception {
        String pem = Files.readString(certificate);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(body)));
    }

    private static void assertNoPrivateKeyIn(Inspection inspection, Path privateKeyPem) throws IOException {
        byte[] der = Pem.decode("PRIVATE KEY", Files.readAllBytes(privateKeyPem));
        String seed = HEX.formatHex(der, der.length - 32, der.length); // PKCS#8 version 1 ends with the seed
        String all = String.join("\n", inspection.lines());
        assertThat(all).doesNotContain(seed).doesNotContain(HEX.formatHex(der));
    }

    /** The name of the root {@code pki} holds: each root {@code certs} issues has its own. */
    private static String rootName(PkiFiles pki) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(pki.rootCertificate())) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
                    .getSubjectX500Principal().getName();
        }
    }

    private static String field(String label, String value) {
        return "  " + String.format("%-22s", label) + " " + value;
    }

    private Subprocess openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return Subprocess.start(dir, command);
    }

    private static boolean opensslAvailable() throws InterruptedException {
        try {
            return Subprocess.start(Path.of("."), List.of("openssl", "version")).awaitExit() == 0;
        } catch (IOException noOpenssl) {
            return false;
        }
    }

    private static void run(Subprocess process) throws InterruptedException {
        assertThat(process.awaitExit()).as(process.printed()).isZero();
    }

    private static boolean pythonWithCryptography() throws InterruptedException {
        try {
            return Subprocess.start(Path.of("."), List.of("python3", "-c", "import cryptography")).awaitExit() == 0;
        } catch (IOException noPython) {
            return false;
        }
    }
}
