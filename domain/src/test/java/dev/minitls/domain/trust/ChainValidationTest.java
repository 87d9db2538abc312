package dev.minitls.domain.trust;

import static dev.minitls.testing.TestCertificates.NOT_BEFORE;
import static dev.minitls.testing.TestCertificates.NOW;
import static dev.minitls.testing.TestCertificates.SERVER_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.KeyUsage;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestCertificates.Builder;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Path building and the checks at every level, with the test double's certificates (the same chains with real
 * Ed25519, ECDSA and RSA certificates: RealChainValidationTest in crypto-adapter). A chain here is root ->
 * intermediate 1 -> ... -> intermediate n -> server; each test changes one certificate of it.
 */
class ChainValidationTest {

    private static final InsecureTestCrypto CRYPTO = new InsecureTestCrypto();
    private static final byte[] ROOT_KEY = TestCertificates.filled(0x11);
    private static final byte[] SERVER_KEY = TestCertificates.filled(0x22);
    private static final String ROOT = TestCertificates.ROOT_NAME;
    private static final Certificate ROOT_CA = parse(TestCertificates.root(ROOT_KEY, ROOT).build());

    /** The key of intermediate {@code level} (1 is the one the root issued). */
    private static byte[] intermediateKey(int level) {
        return TestCertificates.filled(0x40 + level);
    }

    private static String intermediateName(int level) {
        return "CN=Intermediate " + level;
    }

    /** Intermediate {@code level}, a CA issued by the one above it (the root for level 1). */
    private static Builder intermediate(int level) {
        return TestCertificates.root(intermediateKey(level), intermediateName(level))
                .signedBy(level == 1 ? ROOT_KEY : intermediateKey(level - 1),
                        level == 1 ? ROOT : intermediateName(level - 1));
    }

    /** The server certificate under intermediate {@code levels} (under the root for 0). */
    private static Builder server(int levels) {
        return TestCertificates.server(SERVER_KEY, levels == 0 ? ROOT_KEY : intermediateKey(levels),
                levels == 0 ? ROOT : intermediateName(levels));
    }

    /** Intermediates 1 to {@code levels}, good ones, except {@code change} applied to level {@code changed}. */
    private static List<Certificate> intermediates(int levels, int changed, UnaryOperator<Builder> change) {
        List<Certificate> all = new ArrayList<>();
        for (int level = 1; level <= levels; level++) {
            Builder builder = intermediate(level);
            all.add(parse((level == changed ? change.apply(builder) : builder).build()));
        }
        return all;
    }

    private static List<Certificate> intermediates(int levels) {
        return intermediates(levels, 0, b -> b);
    }

    private static ServerCertificateValidator validator(Certificate... roots) {
        return new ServerCertificateValidator(CRYPTO, List.of(roots), Clock.fixed(NOW, ZoneOffset.UTC),
                LeafNames.SUBJECT_ALT_NAME);
    }

    private static Certificate parse(byte[] pem) {
        return CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, pem));
    }

    @ParameterizedTest(name = "{0} intermediate(s)")
    @MethodSource("levels")
    void aGoodChainIsTrustedAndItsPathReported(int levels) {
        List<Certificate> sent = intermediates(levels);
        Certificate server = parse(server(levels).build());

        TrustedCertificate trusted = validator(ROOT_CA).validate(server, sent, SERVER_NAME);

        List<Certificate> path = new ArrayList<>(List.of(server));
        List<Certificate> upwards = new ArrayList<>(sent);
        Collections.reverse(upwards);
        path.addAll(upwards);
        path.add(ROOT_CA);
        assertThat(trusted.path()).containsExactlyElementsOf(path);
        assertThat(trusted.trustAnchor()).isSameAs(ROOT_CA);
        assertThat(trusted.certificate()).isSameAs(server);
    }

    static Stream<Integer> levels() {
        return Stream.of(0, 1, 2, 6);
    }

    @Test
    void intermediatesInAnyOrderWithExtrasAreUsedAsNeeded() {
        List<Certificate> sent = new ArrayList<>(intermediates(3));
        sent.add(0, parse(TestCertificates.root(TestCertificates.filled(0x77), "CN=Unrelated").build()));
        sent.add(parse(TestCertificates.root(ROOT_KEY, ROOT).build()));
        Certificate server = parse(server(3).build());

        Collections.reverse(sent);
        TrustedCertificate trusted = validator(ROOT_CA).validate(server, sent, SERVER_NAME);

        assertThat(trusted.path()).hasSize(5);
    }

    @Test
    void anyOfSeveralTrustAnchorsEndsThePath() {
        Certificate otherRoot = parse(TestCertificates.root(TestCertificates.filled(0x66), "CN=Other Root").build());

        TrustedCertificate trusted = validator(otherRoot, ROOT_CA).validate(parse(server(1).build()),
                intermediates(1), SERVER_NAME);

        assertThat(trusted.trustAnchor()).isSameAs(ROOT_CA);
    }

    @Test
    void whenTwoIssuersShareANameTheOneWhoseSignatureVerifiesIsTaken() {
        Certificate impostor = parse(TestCertificates.root(TestCertificates.filled(0x55), intermediateName(1))
                .signedBy(ROOT_KEY, ROOT).build());
        List<Certificate> sent = List.of(impostor, intermediates(1).get(0));

        TrustedCertificate trusted = validator(ROOT_CA).validate(parse(server(1).build()), sent, SERVER_NAME);

        assertThat(trusted.path().get(1)).isSameAs(sent.get(1));
    }

    @Test
    void whenTwoRootsShareANameTheOneThatSignedIsTaken() {
        Certificate sameNameOtherKey = parse(TestCertificates.root(TestCertificates.filled(0x66), ROOT).build());

        TrustedCertificate trusted = validator(sameNameOtherKey, ROOT_CA).validate(parse(server(0).build()),
                List.of(), SERVER_NAME);

        assertThat(trusted.trustAnchor()).isSameAs(ROOT_CA);
    }

    /** A chain that must be refused: the server's certificate, what it sent, the failure and the whole message. */
    record Refused(String name, Certificate server, List<Certificate> sent, Failure failure, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refused> refused() {
        Certificate underTwo = parse(server(2).build());
        List<Certificate> nine = intermediates(7);
        return Stream.of(
                new Refused("the intermediate is missing", underTwo, intermediates(2).subList(1, 2),
                        Failure.UNKNOWN_CA, "certificate rejected: the intermediate certificate \"CN=Intermediate 2\" "
                                + "(level 1) is issued by \"CN=Intermediate 1\", not by the trusted root CA CN=Test Root"),
                new Refused("no intermediate sent", underTwo, List.of(), Failure.UNKNOWN_CA,
                        "certificate rejected: issued by \"CN=Intermediate 2\", not by the trusted root CA CN=Test Root"),
                new Refused("under an untrusted root the server also sent", parse(TestCertificates.server(SERVER_KEY,
                        TestCertificates.filled(0x66), "CN=Evil Root").build()),
                        List.of(parse(TestCertificates.root(TestCertificates.filled(0x66), "CN=Evil Root").build())),
                        Failure.UNKNOWN_CA, "certificate rejected: the intermediate certificate \"CN=Evil Root\" "
                                + "(level 1) is issued by \"CN=Evil Root\", not by the trusted root CA CN=Test Root"),
                new Refused("an expired intermediate", underTwo, intermediates(2, 1,
                        b -> b.validity(NOT_BEFORE, NOW.minusSeconds(1))), Failure.CERTIFICATE_EXPIRED,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 1\" expired at "
                                + "2026-11-25T11:59:59Z"),
                new Refused("an intermediate not yet valid", underTwo, intermediates(2, 2,
                        b -> b.validity(NOW.plusSeconds(1), TestCertificates.NOT_AFTER)), Failure.BAD_CERTIFICATE,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 2\" is not valid before "
                                + "2026-11-25T12:00:01Z"),
                new Refused("an intermediate with CA:false", underTwo, intermediates(2, 2, b -> b.ca(false)),
                        Failure.BAD_CERTIFICATE, "certificate rejected: the intermediate certificate \"CN=Intermediate "
                                + "2\", the issuer of the server certificate, is not a CA (BasicConstraints CA:false)"),
                new Refused("an intermediate without BasicConstraints", underTwo, intermediates(2, 1,
                        Builder::noBasicConstraints), Failure.BAD_CERTIFICATE, "certificate rejected: the "
                                + "intermediate certificate \"CN=Intermediate 1\", the issuer of the intermediate "
                                + "certificate \"CN=Intermediate 2\" (level 1), is not a CA (no BasicConstraints)"),
                new Refused("an intermediate whose KeyUsage lacks keyCertSign", underTwo, intermediates(2, 2,
                        b -> b.keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.CRL_SIGN)), Failure.BAD_CERTIFICATE,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 2\", the issuer of the "
                                + "server certificate, may not sign certificates (its KeyUsage has no keyCertSign)"),
                new Refused("pathLen 0 with an intermediate below", underTwo, intermediates(2, 1, b -> b.pathLen(0)),
                        Failure.BAD_CERTIFICATE, "certificate rejected: the intermediate certificate \"CN=Intermediate "
                                + "1\" allows 0 intermediate CA(s) below it (pathLenConstraint), the path has 1"),
                new Refused("a path of 9 certificates", parse(server(7).build()), nine, Failure.BAD_CERTIFICATE,
                        "certificate rejected: the path from the server certificate to a trusted root CA is longer "
                                + "than 8 certificates"),
                new Refused("a loop: A issues B issues A", parse(TestCertificates.server(SERVER_KEY,
                        TestCertificates.filled(0x0a), "CN=A").build()), List.of(
                                parse(TestCertificates.root(TestCertificates.filled(0x0a), "CN=A")
                                        .signedBy(TestCertificates.filled(0x0b), "CN=B").build()),
                                parse(TestCertificates.root(TestCertificates.filled(0x0b), "CN=B")
                                        .signedBy(TestCertificates.filled(0x0a), "CN=A").build())),
                        Failure.BAD_CERTIFICATE, "certificate rejected: the certificates sent form a loop: the "
                                + "intermediate certificate \"CN=B\" (level 2) is issued by the intermediate certificate "
                                + "\"CN=A\" (level 1), which is already on the path"),
                new Refused("an intermediate signed with another key", underTwo, intermediates(2, 2,
                        b -> b.signedBy(TestCertificates.filled(0x99), intermediateName(1))), Failure.BAD_CERTIFICATE,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 2\" (level 1) is not "
                                + "signed by the intermediate certificate \"CN=Intermediate 1\""),
                new Refused("the server certificate signed with another key", parse(TestCertificates.server(SERVER_KEY,
                        TestCertificates.filled(0x99), intermediateName(2)).build()), intermediates(2),
                        Failure.BAD_CERTIFICATE, "certificate rejected: not signed by the intermediate certificate "
                                + "\"CN=Intermediate 2\""),
                new Refused("an intermediate with an RSA-1024 key", underTwo, intermediates(2, 2,
                        b -> b.key("RSA", new byte[140]).keyBits(1024)), Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 2\" has an RSA key of "
                                + "1024 bits, under the 2048 minitls requires"),
                new Refused("an intermediate signed with an unknown algorithm", underTwo, intermediates(2, 2,
                        b -> b.signatureAlgorithm("ecdsa-with-SHA384")), Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 2\" (level 1): signature "
                                + "algorithm \"ecdsa-with-SHA384\" is not one minitls verifies (Ed25519, "
                                + "ecdsa-with-SHA256, sha256WithRSAEncryption, RSASSA-PSS with SHA-256)"),
                new Refused("an intermediate's name holding control characters", parse(TestCertificates.server(
                        SERVER_KEY, intermediateKey(1), "CN=I\u001b[2J").build()), List.of(parse(TestCertificates
                                .root(intermediateKey(1), "CN=I\u001b[2J").signedBy(ROOT_KEY, ROOT).ca(false)
                                .build())), Failure.BAD_CERTIFICATE, "certificate rejected: the intermediate "
                                + "certificate \"CN=I\\u001b[2J\", the issuer of the server certificate, is not a CA "
                                + "(BasicConstraints CA:false)"),
                new Refused("17 certificates besides the server's", underTwo, nCopies(17, intermediates(1).get(0)),
                        Failure.BAD_CERTIFICATE, "certificate rejected: the server sent 17 certificates besides its "
                                + "own, more than the 16 accepted"));
    }

    private static List<Certificate> nCopies(int n, Certificate certificate) {
        return Collections.nCopies(n, certificate);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithTheFailureNamingTheCertificate(Refused c) {
        assertThatThrownBy(() -> validator(ROOT_CA).validate(c.server(), c.sent(), SERVER_NAME))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(c.failure());
                    assertThat(e).hasMessage(c.message());
                });
    }

    @Test
    void aPathOfEightCertificatesIsTheLongestAccepted() {
        assertThat(validator(ROOT_CA).validate(parse(server(6).build()), intermediates(6), SERVER_NAME).path())
                .hasSize(ServerCertificateValidator.MAX_PATH_LENGTH);
    }

    @Test
    void pathLenCountsTheIntermediatesBelowAndAllowsExactlyThatMany() {
        List<Certificate> sent = intermediates(3, 1, b -> b.pathLen(1));

        assertThat(validator(ROOT_CA).validate(parse(server(2).build()), sent.subList(0, 2), SERVER_NAME).path())
                .hasSize(4);
        assertThatThrownBy(() -> validator(ROOT_CA).validate(parse(server(3).build()), sent, SERVER_NAME))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.BAD_CERTIFICATE));
    }

    @Test
    void aRootsPathLenIsHeldToo() {
        Certificate root = parse(TestCertificates.root(ROOT_KEY, ROOT).pathLen(0).build());

        assertThat(validator(root).validate(parse(server(0).build()), List.of(), SERVER_NAME)).isNotNull();
        assertThatThrownBy(() -> validator(root).validate(parse(server(1).build()), intermediates(1), SERVER_NAME))
                .hasMessage("certificate rejected: the trusted root CA CN=Test Root allows 0 intermediate CA(s) "
                        + "below it (pathLenConstraint), the path has 1");
    }

    @Test
    void anIntermediateWithKeyCertSignAndNoOtherUsageIsAccepted() {
        List<Certificate> sent = intermediates(1, 1, b -> b.keyUsage(KeyUsage.KEY_CERT_SIGN));

        assertThat(validator(ROOT_CA).validate(parse(server(1).build()), sent, SERVER_NAME).path()).hasSize(3);
    }

    /**
     * Two valid CAs of each name on six levels under a CA nobody trusts: 2 + 4 + ... + 64 paths to try. The search
     * stops after {@value ServerCertificateValidator#MAX_CANDIDATES} candidate issuers.
     */
    @Test
    void manySameNamedCasCostABoundedNumberOfSignatureChecks() {
        List<Certificate> twins = new ArrayList<>();
        for (int level = 1; level <= 6; level++) {
            for (int twin = 0; twin < 2; twin++) {
                twins.add(parse(TestCertificates.root(intermediateKey(level), intermediateName(level))
                        .signedBy(level == 1 ? TestCertificates.filled(0x66) : intermediateKey(level - 1),
                                level == 1 ? "CN=Nobody" : intermediateName(level - 1))
                        .validity(NOT_BEFORE, TestCertificates.NOT_AFTER.minusSeconds(twin)).build()));
            }
        }
        CountingCrypto counting = new CountingCrypto();
        ServerCertificateValidator validator = new ServerCertificateValidator(counting, List.of(ROOT_CA),
                Clock.fixed(NOW, ZoneOffset.UTC), LeafNames.SUBJECT_ALT_NAME);

        assertThatThrownBy(() -> validator.validate(parse(server(6).build()), twins, SERVER_NAME))
                .hasMessage("certificate rejected: no path to a trusted root CA among the first 64 candidate issuers "
                        + "the certificates sent offer");
        assertThat(counting.verifications).isEqualTo(ServerCertificateValidator.MAX_CANDIDATES);
    }

    /** The test double, counting signature checks. */
    private static final class CountingCrypto extends InsecureTestCrypto {
        int verifications;

        @Override
        public boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature) {
            verifications++;
            return super.verify(algorithm, publicKey, message, signature);
        }
    }
}
