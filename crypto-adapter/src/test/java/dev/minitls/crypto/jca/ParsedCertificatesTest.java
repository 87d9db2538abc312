package dev.minitls.crypto.jca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.CertificateAuthority;
import dev.minitls.crypto.bc.IssuanceRequest;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The cache of parsed certificates answers what parsing answers, every time, and no two callers (nor the cache and
 * a caller) share an array: what one does to its certificate or its input reaches no other.
 */
class ParsedCertificatesTest {

    private static final CertificateAuthority AUTHORITY = new CertificateAuthority(new SecureRandomSource());

    private final AtomicInteger parses = new AtomicInteger();
    private final ParsedCertificates cache = new ParsedCertificates(counting(X509Parser::parse));

    @Test
    void aCertificateSeenAgainIsNotParsedAgainAndComesInArraysOfItsOwn() {
        byte[] der = newCertificate();

        Certificate first = cache.parse(der);
        Certificate second = cache.parse(der.clone());

        assertThat(parses).hasValue(1);
        assertThat(second).usingRecursiveComparison().isEqualTo(X509Parser.parse(der));
        assertThat(first).usingRecursiveComparison().isEqualTo(second);
        for (RecordComponent component : Certificate.class.getRecordComponents()) {
            if (component.getType() == byte[].class) {
                assertThat(arrayOf(component, second)).as(component.getName())
                        .isNotSameAs(arrayOf(component, first)).isNotSameAs(der);
            }
        }
    }

    @Test
    void whatACallerDoesToItsCertificateOrItsInputReachesNoLaterCaller() {
        byte[] der = newCertificate();
        Certificate reference = X509Parser.parse(der.clone());
        Certificate first = cache.parse(der);
        byte[] original = der.clone();

        for (RecordComponent component : Certificate.class.getRecordComponents()) {
            if (component.getType() == byte[].class) {
                arrayOf(component, first)[0] ^= 1;
            }
        }
        der[der.length - 1] ^= 1;

        assertThat(cache.parse(original)).usingRecursiveComparison().isEqualTo(reference);
        assertThat(parses).hasValue(1);
    }

    @Test
    void aMalformedCertificateIsRefusedEveryTimeItComes() {
        byte[] der = newCertificate();
        byte[] truncated = Arrays.copyOf(der, der.length - 1);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.parse(truncated)).isInstanceOf(CryptoException.class)
                    .hasFieldOrPropertyWithValue("kind", CryptoException.Kind.MALFORMED);
        }
        assertThat(parses).hasValue(2);
    }

    @Test
    void staysRightWhenMoreCertificatesThanItKeepsComeAndGo() {
        List<byte[]> certificates = new ArrayList<>();
        for (int i = 0; i < ParsedCertificates.MAX_CERTIFICATES + 8; i++) {
            certificates.add(newCertificate());
        }

        for (int round = 0; round < 2; round++) {
            for (byte[] der : certificates) {
                assertThat(cache.parse(der)).usingRecursiveComparison().isEqualTo(X509Parser.parse(der));
            }
        }
        byte[] last = certificates.get(certificates.size() - 1);
        int before = parses.get();
        cache.parse(last);
        cache.parse(last);
        assertThat(parses.get() - before).as("parses of a certificate seen twice in a row").isZero();
    }

    @Test
    void aCertificateLongerThanItKeepsIsParsedEveryTime() {
        Certificate parsed = X509Parser.parse(newCertificate());
        ParsedCertificates anyBytes = new ParsedCertificates(counting(der -> parsed));
        byte[] long_ = new byte[ParsedCertificates.MAX_DER + 1];

        anyBytes.parse(long_);
        anyBytes.parse(long_);

        assertThat(parses).hasValue(2);
    }

    private Function<byte[], Certificate> counting(Function<byte[], Certificate> parser) {
        return der -> {
            parses.incrementAndGet();
            return parser.apply(der);
        };
    }

    private static byte[] arrayOf(RecordComponent component, Certificate certificate) {
        try {
            return (byte[]) component.getAccessor().invoke(certificate);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A new server certificate (its own keys and serial number), DER. */
    private static byte[] newCertificate() {
        String pem = AUTHORITY.issue(new IssuanceRequest("Cache Test Root", "example-server",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), 30))
                .serverCertificatePem();
        return Pem.decodeAll(Pem.CERTIFICATE, pem.getBytes(StandardCharsets.US_ASCII), 1).get(0);
    }
}
