package dev.minitls.crypto.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.pem.Pem;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.port.SignatureAlgorithm;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateAuthorityTest {

    private static final Instant NOT_BEFORE = Instant.parse("2024-05-01T12:00:00Z");
    private static final IssuanceRequest REQUEST =
            new IssuanceRequest("minitls test root", "example-server", NOT_BEFORE, 3650);

    private final BcCryptoProvider crypto = new BcCryptoProvider();
    private final IssuedMaterial material = new CertificateAuthority(new CountingRandom()).issue(REQUEST);
    private final Certificate root = parse(material.rootCertificatePem());
    private final Certificate server = parse(material.serverCertificatePem());

    @Test
    void rootIsASelfSignedCa() throws IOException {
        assertThat(root.version()).isEqualTo(3);
        assertThat(root.subjectText()).isEqualTo("CN=minitls test root");
        assertThat(root.issuer()).isEqualTo(root.subject());
        assertThat(root.basicConstraintsCa()).contains(true);
        assertThat(crypto.ed25519Verify(root.publicKey(), root.tbsCertificate(), root.signature())).isTrue();

        X509CertificateHolder holder = holder(root);
        assertThat(holder.getExtension(Extension.basicConstraints).isCritical()).isTrue();
        assertThat(BasicConstraints.fromExtensions(holder.getExtensions()).getPathLenConstraint()).isZero();
        assertThat(holder.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(KeyUsage.fromExtensions(holder.getExtensions()))
                .isEqualTo(new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        assertThat(holder.getExtension(Extension.subjectKeyIdentifier).isCritical()).isFalse();
        assertThat(holder.getExtension(Extension.authorityKeyIdentifier)).isNull();
    }

    @Test
    void serverIsIssuedByTheRootForItsName() throws IOException {
        assertThat(server.version()).isEqualTo(3);
        assertThat(server.subjectText()).isEqualTo("CN=example-server");
        assertThat(server.commonName()).contains("example-server");
        assertThat(server.dnsNames()).containsExactly("example-server");
        assertThat(server.issuer()).isEqualTo(root.subject());
        assertThat(server.basicConstraintsCa()).contains(false);
        assertThat(crypto.ed25519Verify(root.publicKey(), server.tbsCertificate(), server.signature())).isTrue();
        assertThat(crypto.ed25519Verify(server.publicKey(), server.tbsCertificate(), server.signature())).isFalse();

        X509CertificateHolder holder = holder(server);
        assertThat(holder.getExtension(Extension.basicConstraints).isCritical()).isTrue();
        assertThat(holder.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(KeyUsage.fromExtensions(holder.getExtensions())).isEqualTo(new KeyUsage(KeyUsage.digitalSignature));
        assertThat(holder.getExtension(Extension.subjectAlternativeName).isCritical()).isFalse();
        assertThat(AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifierOctets())
                .isEqualTo(SubjectKeyIdentifier.fromExtensions(holder(root).getExtensions()).getKeyIdentifier());
        assertThat(SubjectKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifier())
                .isNotEqualTo(SubjectKeyIdentifier.fromExtensions(holder(root).getExtensions()).getKeyIdentifier());
    }

    @Test
    void validityIsTheRequestedOne() {
        for (Certificate certificate : List.of(root, server)) {
            assertThat(certificate.notBefore()).isEqualTo(NOT_BEFORE);
            assertThat(certificate.notAfter()).isEqualTo(Instant.parse("2034-04-29T12:00:00Z"));
        }
    }

    /** All-zero and all-one random bytes: the top bit is cleared (positive) and the next set (full length). */
    @ParameterizedTest
    @ValueSource(ints = {0x00, 0xff})
    void serialNumbersArePositiveAndFullLengthWhateverTheRandomBytes(int fill) {
        RandomSource constant = length -> {
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) fill);
            return bytes;
        };
        IssuedMaterial issued = new CertificateAuthority(constant).issue(REQUEST);

        for (String pem : List.of(issued.rootCertificatePem(), issued.serverCertificatePem())) {
            BigInteger serial = parse(pem).serialNumber();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.toByteArray()).hasSize(16);
        }
    }

    @Test
    void serialNumbersArePositiveSixteenByteRandoms() {
        assertThat(root.serialNumber()).isNotEqualTo(server.serialNumber());
        for (Certificate certificate : List.of(root, server)) {
            assertThat(certificate.serialNumber().signum()).isPositive();
            assertThat(certificate.serialNumber().toByteArray()).hasSize(16);
        }
    }

    @Test
    void keysAreTheOnesDrawnFromTheRandomSourceInTheOriginalFileFormats() {
        byte[] rootPkcs8 = Pem.decode("PRIVATE KEY", ascii(material.rootPrivateKeyPem()));
        byte[] serverPkcs8 = Pem.decode("PRIVATE KEY", ascii(material.serverPrivateKeyPem()));

        // PKCS#8 version 1 ends with the seed
        assertThat(Arrays.copyOfRange(rootPkcs8, 16, 48)).isEqualTo(new CountingRandom().nextBytes(32));
        assertThat(crypto.signingKey(rootPkcs8).publicKey()).isEqualTo(root.publicKey());
        assertThat(crypto.signingKey(serverPkcs8).publicKey()).isEqualTo(server.publicKey());
        assertThat(rawKey(material.rootPublicKeyPem())).isEqualTo(root.publicKey());
        assertThat(rawKey(material.serverPublicKeyPem())).isEqualTo(server.publicKey());
        // PKCS#8 version 1 without the public key: 48 bytes, like certs.py's private_certs/*.pem
        assertThat(Pem.decode("PRIVATE KEY", ascii(material.serverPrivateKeyPem()))).hasSize(48);
    }

    @Test
    void pinnedRandomnessGivesIdenticalMaterial() {
        IssuedMaterial again = new CertificateAuthority(new CountingRandom()).issue(REQUEST);
        assertThat(again).usingRecursiveComparison().isEqualTo(material);
    }

    @Test
    void toStringShowsNoPrivateKey() {
        assertThat(material.toString()).doesNotContain("PRIVATE").doesNotContain("BEGIN").contains("not shown");
    }

    @Test
    void opensslVerifiesTheServerCertificateAgainstTheRoot(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("openssl"), "skipped: openssl is not on PATH");
        Path rootFile = write(dir, "root.pem", material.rootCertificatePem());
        Path serverFile = write(dir, "server.pem", material.serverCertificatePem());

        assertThat(openssl("verify", "-CAfile", rootFile.toString(), serverFile.toString()))
                .isEqualTo(serverFile + ": OK\n");
    }

    @Test
    void opensslDerivesTheSamePublicKeysFromThePrivateKeys(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("openssl"), "skipped: openssl is not on PATH");
        Path rootKey = write(dir, "root-key.pem", material.rootPrivateKeyPem());
        Path serverKey = write(dir, "server-key.pem", material.serverPrivateKeyPem());

        assertThat(openssl("pkey", "-in", rootKey.toString(), "-pubout")).isEqualTo(material.rootPublicKeyPem());
        assertThat(openssl("pkey", "-in", serverKey.toString(), "-pubout")).isEqualTo(material.serverPublicKeyPem());
    }

    static Stream<Arguments> keyTypesWithAndWithoutAnIntermediate() {
        return Arrays.stream(KeyType.values()).flatMap(type -> Stream.of(Arguments.of(type, false),
                Arguments.of(type, true)));
    }

    private static IssuedMaterial issue(KeyType type, boolean intermediate) {
        return new CertificateAuthority(new SecureRandomSource()).issue(new IssuanceRequest("minitls test root",
                intermediate ? Optional.of("minitls test intermediate") : Optional.empty(), "example-server",
                NOT_BEFORE, 3650, type));
    }

    @ParameterizedTest
    @MethodSource("keyTypesWithAndWithoutAnIntermediate")
    void eachKeyTypeMakesAChainWhoseSignaturesVerifyAndWhosePrivateKeysAreTheCertificates(KeyType type,
            boolean withIntermediate) throws IOException {
        IssuedMaterial issued = issue(type, withIntermediate);
        Certificate issuedRoot = parse(issued.rootCertificatePem());
        Certificate issuedServer = parse(issued.serverCertificatePem());
        Certificate issuer = issuedRoot;
        assertSignedBy(type, issuedRoot, issuedRoot);
        assertThat(issued.intermediate().isPresent()).isEqualTo(withIntermediate);
        assertThat(BasicConstraints.fromExtensions(holder(issuedRoot).getExtensions()).getPathLenConstraint())
                .isEqualTo(withIntermediate ? BigInteger.ONE : BigInteger.ZERO);
        if (withIntermediate) {
            IssuedMaterial.Authority authority = issued.intermediate().orElseThrow();
            Certificate ca = parse(authority.certificatePem());
            assertThat(ca.subjectText()).isEqualTo("CN=minitls test intermediate");
            assertThat(ca.basicConstraintsCa()).contains(true);
            assertThat(BasicConstraints.fromExtensions(holder(ca).getExtensions()).getPathLenConstraint()).isZero();
            assertSignedBy(type, ca, issuedRoot);
            assertThat(crypto.signingKey(Pem.decode("PRIVATE KEY", ascii(authority.privateKeyPem()))).publicKey())
                    .isEqualTo(ca.publicKey());
            issuer = ca;
        }
        assertSignedBy(type, issuedServer, issuer);
        assertThat(issuedServer.dnsNames()).containsExactly("example-server");
        assertThat(crypto.signingKey(Pem.decode("PRIVATE KEY", ascii(issued.serverPrivateKeyPem()))).publicKey())
                .isEqualTo(issuedServer.publicKey());
        assertThat(crypto.signingKey(Pem.decode("PRIVATE KEY", ascii(issued.rootPrivateKeyPem()))).publicKey())
                .isEqualTo(issuedRoot.publicKey());
        assertThat(issued.serverChainPem()).isEqualTo(issued.serverCertificatePem()
                + issued.intermediate().map(IssuedMaterial.Authority::certificatePem).orElse(""));
        assertThat(issued.toString()).doesNotContain("PRIVATE").doesNotContain("BEGIN");
    }

    @ParameterizedTest
    @MethodSource("keyTypesWithAndWithoutAnIntermediate")
    void opensslVerifiesEachKeyTypeWithAndWithoutAnIntermediateAndReadsItsPrivateKeys(KeyType type,
            boolean withIntermediate, @TempDir Path dir) throws Exception {
        assumeTrue(onPath("openssl"), "skipped: openssl is not on PATH");
        IssuedMaterial issued = issue(type, withIntermediate);
        Path rootFile = write(dir, "root.pem", issued.rootCertificatePem());
        Path serverFile = write(dir, "server.pem", issued.serverChainPem());
        List<String> verify = new ArrayList<>(List.of("verify", "-CAfile", rootFile.toString()));
        if (withIntermediate) {
            verify.addAll(List.of("-untrusted",
                    write(dir, "intermediate.pem", issued.intermediate().orElseThrow().certificatePem()).toString()));
        }
        verify.add(serverFile.toString());

        assertThat(openssl(verify.toArray(String[]::new))).isEqualTo(serverFile + ": OK\n");
        Path serverKey = write(dir, "server-key.pem", issued.serverPrivateKeyPem());
        assertThat(openssl("pkey", "-in", serverKey.toString(), "-pubout")).isEqualTo(issued.serverPublicKeyPem());
    }

    private void assertSignedBy(KeyType type, Certificate certificate, Certificate issuer) {
        SignatureAlgorithm algorithm = switch (type) {
            case ED25519 -> SignatureAlgorithm.ED25519;
            case ECDSA_P256 -> SignatureAlgorithm.ECDSA_SECP256R1_SHA256;
            case RSA_2048 -> SignatureAlgorithm.RSA_PKCS1_SHA256;
        };
        assertThat(certificate.keyAlgorithm()).isEqualTo(switch (type) {
            case ED25519 -> Certificate.ED25519;
            case ECDSA_P256 -> "EC P-256";
            case RSA_2048 -> "RSA";
        });
        assertThat(certificate.issuer()).isEqualTo(issuer.subject());
        assertThat(crypto.verify(algorithm, issuer.publicKey(), certificate.tbsCertificate(),
                certificate.signature())).as("signed by %s", issuer.subjectText()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-server", "server-", "a..b", "has space", "émile", "under_score", "dot."})
    void rejectsServerNamesThatAreNotHostNames(String name) {
        assertThatThrownBy(() -> new IssuanceRequest("root", name, NOT_BEFORE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server name");
    }

    @Test
    void acceptsHostNamesUpTo64CharactersWithLabelsUpTo63() {
        String longest = "a".repeat(62) + ".b";
        assertThat(new IssuanceRequest("root", longest, NOT_BEFORE, 1).serverName()).isEqualTo(longest);
        assertThat(new IssuanceRequest("root", "Server-1.example.com", NOT_BEFORE, 1).serverName())
                .isEqualTo("Server-1.example.com");
        assertThatThrownBy(() -> new IssuanceRequest("root", longest + "c", NOT_BEFORE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IssuanceRequest("root", "a".repeat(64), NOT_BEFORE, 1)) // one 64-char label
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "line\nbreak", "tab\there"})
    void rejectsRootNamesThatAreEmptyOrHoldControlCharacters(String name) {
        assertThatThrownBy(() -> new IssuanceRequest(name, "server", NOT_BEFORE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root CA name");
    }

    @Test
    void rejectsRootNamesLongerThan64Characters() {
        assertThat(new IssuanceRequest("r".repeat(64), "server", NOT_BEFORE, 1).rootCommonName()).hasSize(64);
        assertThatThrownBy(() -> new IssuanceRequest("r".repeat(65), "server", NOT_BEFORE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root CA name");
    }

    @Test
    void rejectsAStartThatIsNotAWholeSecond() {
        assertThatThrownBy(() -> new IssuanceRequest("root", "server", NOT_BEFORE.plusMillis(1), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole second");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, IssuanceRequest.MAX_VALIDITY_DAYS + 1})
    void rejectsValidityOutsideTheRange(int days) {
        assertThatThrownBy(() -> new IssuanceRequest("root", "server", NOT_BEFORE, days))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validity");
    }

    @Test
    void validityBeyond2049IsStillExact() {
        IssuanceRequest longLived = new IssuanceRequest("root", "server", NOT_BEFORE, IssuanceRequest.MAX_VALIDITY_DAYS);
        Certificate issued = parse(new CertificateAuthority(new CountingRandom()).issue(longLived).rootCertificatePem());
        assertThat(issued.notAfter()).isEqualTo(longLived.notAfter()).isAfter(Instant.parse("2100-01-01T00:00:00Z"));
    }

    private Certificate parse(String pem) {
        return crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, ascii(pem)));
    }

    private static X509CertificateHolder holder(Certificate certificate) throws IOException {
        return new X509CertificateHolder(certificate.der());
    }

    private static byte[] rawKey(String publicKeyPem) {
        return SubjectPublicKeyInfo.getInstance(Pem.decode("PUBLIC KEY", ascii(publicKeyPem)))
                .getPublicKeyData().getOctets();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /** Runs openssl and returns what it printed; fails the test when it exits with an error. */
    private static String openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(process.exitValue()).as("openssl exit status; it printed: %s", output).isZero();
        return output;
    }

    /** A pinned random source: byte i of the stream is i (mod 256), so every run draws the same values. */
    private static final class CountingRandom implements RandomSource {

        private int next;

        @Override
        public byte[] nextBytes(int length) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) next++;
            }
            return bytes;
        }
    }
}
