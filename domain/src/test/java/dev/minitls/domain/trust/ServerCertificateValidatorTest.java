package dev.minitls.domain.trust;

import static dev.minitls.testing.TestCertificates.NOT_AFTER;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator on its own: the trusted root it accepts, the exact edges of validity, and that it reports the first
 * check that failed. (Each failure in a whole handshake: CertificateHandshakeTest.)
 */
class ServerCertificateValidatorTest {

    private static final InsecureTestCrypto CRYPTO = new InsecureTestCrypto();
    private static final TestCertificates.Pki PKI = TestCertificates.pki();
    private static final byte[] OTHER_KEY = TestCertificates.filled(0x33);
    private static final Instant VALID_FROM = NOW;
    private static final Instant VALID_UNTIL = NOW.plus(Duration.ofDays(1));

    private static ServerCertificateValidator at(Instant now) {
        return at(now, LeafNames.SUBJECT_ALT_NAME);
    }

    private static ServerCertificateValidator at(Instant now, LeafNames leafNames) {
        return new ServerCertificateValidator(CRYPTO, List.of(PKI.root()), Clock.fixed(now, ZoneOffset.UTC), leafNames);
    }

    /** A server certificate valid for one day, well inside the root's validity. */
    private static Certificate oneDayCertificate() {
        return parse(PKI.serverBuilder().validity(VALID_FROM, VALID_UNTIL).build());
    }

    private static Certificate parse(byte[] pem) {
        return CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, pem));
    }

    @Test
    void trustsTheServerCertificateAndHandsOutItsKey() {
        TrustedCertificate trusted = at(NOW).validate(PKI.server(), SERVER_NAME);

        assertThat(trusted.certificate().der()).isEqualTo(Pem.decode(Pem.CERTIFICATE, PKI.serverPem()));
        assertThat(trusted.publicKey()).isEqualTo(InsecureTestCrypto.publicKeyOf(PKI.serverKey()));
        trusted.publicKey()[0] ^= 1;
        assertThat(trusted.publicKey()).as("a copy each time")
                .isEqualTo(InsecureTestCrypto.publicKeyOf(PKI.serverKey()));
    }

    /** Through the port's certificate check, which a provider may answer from what it verified before. */
    @Test
    void checksTheIssuersSignatureWithTheProvidersCertificateCheck() {
        AtomicInteger checks = new AtomicInteger();
        InsecureTestCrypto counting = new InsecureTestCrypto() {
            @Override
            public boolean verifyCertificate(SignatureAlgorithm algorithm, byte[] issuerPublicKey,
                    Certificate certificate) {
                checks.incrementAndGet();
                assertThat(certificate.der()).isEqualTo(PKI.server().der());
                assertThat(issuerPublicKey).isEqualTo(PKI.root().publicKey());
                return false;
            }
        };
        ServerCertificateValidator validator = new ServerCertificateValidator(counting, List.of(PKI.root()),
                Clock.fixed(NOW, ZoneOffset.UTC), LeafNames.SUBJECT_ALT_NAME);

        assertFailure(() -> validator.validate(PKI.server(), SERVER_NAME), Failure.BAD_CERTIFICATE,
                "certificate rejected: not signed by the trusted root CA " + PKI.root().subjectText());
        assertThat(checks).hasValue(1);
    }

    @Test
    void refusesATrustedRootWhoseKeyMinitlsDoesNotTake() {
        Certificate ed448 = parse(PKI.rootBuilder().key("Ed448", new byte[57]).build());
        Certificate rsa1024 = parse(PKI.rootBuilder().key("RSA", new byte[162]).keyBits(1024).build());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        assertThatThrownBy(() -> new ServerCertificateValidator(CRYPTO, List.of(PKI.root(), ed448), clock,
                LeafNames.SUBJECT_ALT_NAME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the trusted root CA CN=Test Root has a key of type \"Ed448\", which minitls does not take "
                        + "(Ed25519, EC P-256 or RSA)");
        assertThatThrownBy(() -> new ServerCertificateValidator(CRYPTO, List.of(rsa1024), clock,
                LeafNames.SUBJECT_ALT_NAME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the trusted root CA CN=Test Root has an RSA key of 1024 bits, under the 2048 minitls "
                        + "requires");
    }

    @Test
    void refusesATrustedRootThatMayNotSignCertificates() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Certificate notCa = parse(PKI.rootBuilder().ca(false).build());
        Certificate noKeyCertSign = parse(PKI.rootBuilder().keyUsage(KeyUsage.DIGITAL_SIGNATURE).build());

        assertThatThrownBy(() -> new ServerCertificateValidator(CRYPTO, List.of(notCa), clock,
                LeafNames.SUBJECT_ALT_NAME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the trusted root CA CN=Test Root is not a CA (BasicConstraints CA:false)");
        assertThatThrownBy(() -> new ServerCertificateValidator(CRYPTO, List.of(noKeyCertSign), clock,
                LeafNames.SUBJECT_ALT_NAME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the trusted root CA CN=Test Root may not sign certificates (its KeyUsage has no "
                        + "keyCertSign)");
        assertThatThrownBy(() -> new ServerCertificateValidator(CRYPTO, List.of(), clock,
                LeafNames.SUBJECT_ALT_NAME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a client needs at least one trusted root CA");
    }

    @Test
    void refusesATrustedRootWithAnEd25519KeyOfTheWrongLength() {
        Certificate root = parse(PKI.rootBuilder().key(Certificate.ED25519, new byte[31]).build());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        assertThatThrownBy(() -> new ServerCertificateValidator(CRYPTO, List.of(root), clock, LeafNames.SUBJECT_ALT_NAME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isValidFromTheFirstToTheLastInstantOfItsValidity() {
        assertThat(at(VALID_FROM).validate(oneDayCertificate(), SERVER_NAME)).isNotNull();
        assertThat(at(VALID_UNTIL).validate(oneDayCertificate(), SERVER_NAME)).isNotNull();
    }

    @Test
    void isNotYetValidJustBeforeItsValidity() {
        ServerCertificateValidator validator = at(VALID_FROM.minusNanos(1));

        assertFailure(() -> validator.validate(oneDayCertificate(), SERVER_NAME), Failure.BAD_CERTIFICATE,
                "certificate rejected: the server certificate is not valid before 2026-11-25T12:00:00Z");
    }

    @Test
    void hasExpiredJustAfterItsValidity() {
        ServerCertificateValidator validator = at(VALID_UNTIL.plusNanos(1));

        assertFailure(() -> validator.validate(oneDayCertificate(), SERVER_NAME), Failure.CERTIFICATE_EXPIRED,
                "certificate rejected: the server certificate expired at 2026-11-26T12:00:00Z");
    }

    @Test
    void theTrustedRootMustBeValidToo() {
        assertFailure(() -> at(NOT_BEFORE.minusNanos(1)).validate(PKI.server(), SERVER_NAME),
                Failure.BAD_CERTIFICATE,
                "certificate rejected: the trusted root CA CN=Test Root is not valid before 2020-01-01T00:00:00Z");
        assertFailure(() -> at(NOT_AFTER.plusNanos(1)).validate(PKI.server(), SERVER_NAME),
                Failure.CERTIFICATE_EXPIRED,
                "certificate rejected: the trusted root CA CN=Test Root expired at 2100-01-01T00:00:00Z");
    }

    @Test
    void theIssuerIsCheckedFirst() {
        Certificate fromOtherCaAndExpired = parse(TestCertificates.server(PKI.serverKey(), OTHER_KEY, "CN=Other")
                .validity(NOT_BEFORE, NOW.minusSeconds(1)).dnsNames("other-server").build());

        assertFailure(() -> at(NOW).validate(fromOtherCaAndExpired, SERVER_NAME), Failure.UNKNOWN_CA,
                "certificate rejected: issued by \"CN=Other\", not by the trusted root CA CN=Test Root");
    }

    @Test
    void theSignatureIsCheckedBeforeValidityAndName() {
        Certificate forgedAndExpired = parse(TestCertificates.server(PKI.serverKey(), OTHER_KEY,
                TestCertificates.ROOT_NAME).validity(NOT_BEFORE, NOW.minusSeconds(1)).dnsNames("other-server").build());

        assertFailure(() -> at(NOW).validate(forgedAndExpired, SERVER_NAME), Failure.BAD_CERTIFICATE,
                "certificate rejected: not signed by the trusted root CA CN=Test Root");
    }

    @Test
    void validityIsCheckedBeforeTheName() {
        Certificate expiredForAnotherName = parse(PKI.serverBuilder().validity(NOT_BEFORE, NOW.minusSeconds(1))
                .dnsNames("other-server").build());

        assertFailure(() -> at(NOW).validate(expiredForAnotherName, SERVER_NAME), Failure.CERTIFICATE_EXPIRED,
                "certificate rejected: the server certificate expired at 2026-11-25T11:59:59Z");
    }

    @Test
    void theNameIsCheckedBeforeTheKeyAlgorithm() {
        Certificate rsaForAnotherName = parse(PKI.serverBuilder().key("RSA", new byte[270])
                .dnsNames("other-server").build());

        assertFailure(() -> at(NOW).validate(rsaForAnotherName, SERVER_NAME), Failure.NAME_MISMATCH,
                "certificate rejected: issued to \"DNS:other-server\", not to example-server");
    }

    /** A v2 (and TLS 1.3) client reads the name from subjectAltName only; v1 also from an extension-less CN. */
    @Test
    void theCommonNameNamesTheServerOnlyForAV1ClientAndACertificateWithoutExtensions() {
        Certificate commonNameOnly = parse(PKI.serverBuilder().dnsNames().build());
        assertThat(commonNameOnly.extensions()).as("the test format has no extensions").isEmpty();

        assertThat(at(NOW, LeafNames.SUBJECT_ALT_NAME_OR_SEED_COMMON_NAME).validate(commonNameOnly, SERVER_NAME)
                .certificate()).isSameAs(commonNameOnly);
        assertFailure(() -> at(NOW).validate(commonNameOnly, SERVER_NAME), Failure.NAME_MISMATCH,
                "certificate rejected: issued to no subjectAltName (\"CN=example-server\" names a server only in a v1 "
                        + "certificate without extensions), not to example-server");
    }

    @Test
    void aServerCertificateThatIsACaIsRefused() {
        Certificate ca = parse(PKI.serverBuilder().ca(true).build());

        for (LeafNames leafNames : LeafNames.values()) {
            assertFailure(() -> at(NOW, leafNames).validate(ca, SERVER_NAME), Failure.BAD_CERTIFICATE,
                    "certificate rejected: the server certificate is a CA certificate (BasicConstraints CA:true), "
                            + "not a server's");
        }
    }

    @Test
    void namesCompareAsAsciiIgnoringCase() {
        Certificate upperCase = parse(PKI.serverBuilder().dnsNames("EXAMPLE-Server").build());

        assertThat(at(NOW).validate(upperCase, SERVER_NAME).certificate().dnsNames()).containsExactly("EXAMPLE-Server");
    }

    @Test
    void aNonAsciiNameNeverMatchesThroughUnicodeCaseFolding() {
        // U+212A KELVIN SIGN lower-cases to an ASCII 'k' in Java; a certificate for "\u212Aey" must not pass for "key".
        Certificate kelvin = parse(PKI.serverBuilder().dnsNames("\u212Aey").build());

        assertFailure(() -> at(NOW).validate(kelvin, "key"), Failure.NAME_MISMATCH,
                "certificate rejected: issued to \"DNS:\u212Aey\", not to key");
    }

    @Test
    void aNameWithTheFirstCharacterBeyondAsciiNeverMatchesEvenItself() {
        Certificate control = parse(PKI.serverBuilder().dnsNames("key\u0080").build());

        assertFailure(() -> at(NOW).validate(control, "key\u0080"), Failure.NAME_MISMATCH,
                "certificate rejected: issued to \"DNS:key\\u0080\", not to key\u0080");
    }

    private static void assertFailure(Runnable validation, Failure failure, String message) {
        assertThatThrownBy(validation::run).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e).hasMessage(message);
        });
    }
}
