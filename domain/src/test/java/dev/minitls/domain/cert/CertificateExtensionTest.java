package dev.minitls.domain.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.minitls.domain.cert.Certificate.Extension;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** A certificate's extensions: ordered by OID as numbers, compared by content, refused when the OID is not one. */
class CertificateExtensionTest {

    private static final Extension SUBJECT_KEY_ID = new Extension("2.5.29.14", false, new byte[] {4, 1, 7});
    private static final Extension BASIC_CONSTRAINTS = new Extension("2.5.29.19", true, new byte[] {0x30, 0});
    private static final Extension NAME_CONSTRAINTS_LIKE = new Extension("2.5.29.9", false, new byte[0]);
    private static final Extension PRIVATE = new Extension("1.3.6.1.4.1.99999.1", false, new byte[] {5, 0});

    @Test
    void aCertificateListsItsExtensionsByOidArcByArc() {
        Certificate certificate = certificate(List.of(BASIC_CONSTRAINTS, SUBJECT_KEY_ID, PRIVATE,
                NAME_CONSTRAINTS_LIKE));

        assertThat(certificate.extensions()).containsExactly(PRIVATE, NAME_CONSTRAINTS_LIKE, SUBJECT_KEY_ID,
                BASIC_CONSTRAINTS);
    }

    @Test
    void anOidWithAnArcBeyondALongStillSorts() {
        Extension huge = new Extension("2.25.329800735698586629295641978511506172918", false, new byte[0]);
        Extension small = new Extension("2.25.5", false, new byte[0]);

        assertThat(certificate(List.of(huge, small)).extensions()).containsExactly(small, huge);
    }

    @Test
    void anOidComesAfterTheOidsItExtends() {
        Extension arc = new Extension("2.5.29", false, new byte[0]);

        assertThat(certificate(List.of(SUBJECT_KEY_ID, arc)).extensions()).containsExactly(arc, SUBJECT_KEY_ID);
        assertThat(certificate(List.of(arc, SUBJECT_KEY_ID)).extensions()).containsExactly(arc, SUBJECT_KEY_ID);
    }

    @Test
    void theOrderIsTheOrderOfTheArcsAsNumbers() {
        SplittableRandom random = new SplittableRandom(14);
        for (int round = 0; round < 5000; round++) {
            String a = randomOid(random);
            String b = random.nextInt(4) == 0 ? a : random.nextBoolean() ? randomOid(random) : similar(a, random);

            assertThat(Integer.signum(Extension.BY_OID.compare(extension(a), extension(b))))
                    .as("%s against %s", a, b).isEqualTo(Integer.signum(byNumbers(a, b)));
        }
    }

    @Test
    void theHashCodeDependsOnTheValue() {
        assertThat(new Extension("2.5.29.19", true, new byte[] {1}).hashCode())
                .isNotEqualTo(new Extension("2.5.29.19", true, new byte[] {2}).hashCode());
    }

    @Test
    void extensionsAreEqualByContentAndTheirValueCannotBeChangedFromOutside() {
        byte[] value = {0x30, 0};
        Extension extension = new Extension("2.5.29.19", true, value);
        value[0] = 0;
        extension.value()[1] = 9;

        assertThat(extension).isEqualTo(BASIC_CONSTRAINTS).hasSameHashCodeAs(BASIC_CONSTRAINTS);
        assertThat(extension).isNotEqualTo(new Extension("2.5.29.19", false, new byte[] {0x30, 0}));
        assertThat(extension.toString()).isEqualTo("Extension[2.5.29.19, critical, 3000]");
    }

    @Test
    void somethingThatIsNotADottedOidIsRefused() {
        for (String notAnOid : List.of("", "2", "2.5.", "2..5", "basicConstraints", "2.05.29", "-1.2")) {
            assertThatIllegalArgumentException().as(notAnOid)
                    .isThrownBy(() -> new Extension(notAnOid, false, new byte[0]))
                    .withMessage("not a dotted OID: \"" + notAnOid + "\"");
        }
    }

    /** The reference order: each arc parsed as a number, then the OID with fewer arcs first. */
    private static int byNumbers(String a, String b) {
        String[] arcsA = a.split("\\.");
        String[] arcsB = b.split("\\.");
        for (int i = 0; i < Math.min(arcsA.length, arcsB.length); i++) {
            int order = new BigInteger(arcsA[i]).compareTo(new BigInteger(arcsB[i]));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(arcsA.length, arcsB.length);
    }

    /** Two to six arcs of 1 to 25 digits, small ones most often, as real OIDs have. */
    private static String randomOid(SplittableRandom random) {
        StringJoiner oid = new StringJoiner(".");
        for (int arcs = random.nextInt(2, 7); arcs > 0; arcs--) {
            oid.add(randomArc(random));
        }
        return oid.toString();
    }

    private static String randomArc(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> Integer.toString(random.nextInt(10));
            case 1 -> Integer.toString(random.nextInt(1000));
            default -> new BigInteger(random.nextInt(1, 84), new Random(random.nextLong())).toString();
        };
    }

    /** {@code oid} with its last arc changed, one arc dropped or one added: OIDs that share a prefix with it. */
    private static String similar(String oid, SplittableRandom random) {
        int lastDot = oid.lastIndexOf('.');
        return switch (random.nextInt(3)) {
            case 0 -> oid.substring(0, lastDot + 1) + randomArc(random);
            case 1 -> oid.indexOf('.') == lastDot ? oid : oid.substring(0, lastDot);
            default -> oid + "." + randomArc(random);
        };
    }

    private static Extension extension(String oid) {
        return new Extension(oid, false, new byte[0]);
    }

    private static Certificate certificate(List<Extension> extensions) {
        return new Certificate(new byte[0], new byte[0], Certificate.ED25519, new byte[64], 3, BigInteger.ONE,
                new byte[0], "CN=x", new byte[0], "CN=x", Optional.of("x"), List.of(), Instant.EPOCH, Instant.EPOCH,
                Certificate.ED25519, new byte[32], 256, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), extensions);
    }
}
