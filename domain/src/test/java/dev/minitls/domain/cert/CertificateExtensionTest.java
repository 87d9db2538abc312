package dev.minitls.domain.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.minitls.domain.cert.Certificate.Extension;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    private static Certificate certificate(List<Extension> extensions) {
        return new Certificate(new byte[0], new byte[0], Certificate.ED25519, new byte[64], 3, BigInteger.ONE,
                new byte[0], "CN=x", new byte[0], "CN=x", Optional.of("x"), List.of(), Instant.EPOCH, Instant.EPOCH,
                Certificate.ED25519, new byte[32], 256, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), extensions);
    }
}
