package dev.minitls.crypto.contract;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.pem.Pem;
import org.assertj.core.api.SoftAssertions;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static dev.minitls.crypto.contract.Vectors.concat;
import static dev.minitls.crypto.contract.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

/** Expected certificate fields, their field-by-field comparison, and certificates spoiled on purpose. */
final class Certificates {

    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int SEQUENCE = 0x30;
    private static final byte[] NULL = {0x05, 0x00};
    /** Indexes in a v3 TBSCertificate: version, serial, signature, issuer, validity, subject, key, extensions. */
    private static final int TBS_SIGNATURE = 2;
    private static final int SUBJECT_PUBLIC_KEY_INFO = 6;
    private static final int EXTENSIONS = 7;
    private static final byte[] SUBJECT_ALT_NAME_OID = {0x06, 0x03, 0x55, 0x1d, 0x11};

    private Certificates() {
    }

    /** Compares every component of the record, byte arrays by content; reports all differences at once. */
    static void assertSameFields(Certificate actual, Certificate expected) {
        SoftAssertions softly = new SoftAssertions();
        for (RecordComponent component : Certificate.class.getRecordComponents()) {
            Object actualValue = value(component, actual);
            Object expectedValue = value(component, expected);
            if (expectedValue instanceof byte[] expectedBytes) {
                softly.assertThat(hex((byte[]) actualValue)).as(component.getName()).isEqualTo(hex(expectedBytes));
            } else {
                softly.assertThat(actualValue).as(component.getName()).isEqualTo(expectedValue);
            }
        }
        softly.assertAll();
    }

    /**
     * The expected fields of a certificate; the byte fields are sliced from its DER. The public key is the whole
     * SubjectPublicKeyInfo, except for Ed25519: the raw key at the end of its 44 bytes (RFC 8410).
     */
    static Certificate expected(byte[] pem, String signatureAlgorithm, int version, String serialHex,
            String subjectText, String issuerText, Optional<String> commonName, List<String> dnsNames,
            Instant notBefore, Instant notAfter, String keyAlgorithm, int keyBits, Optional<Boolean> basicConstraintsCa,
            Optional<Integer> pathLenConstraint, List<Certificate.Extension> extensions) {
        byte[] der = derOf(pem);
        Der.CertificateParts parts = Der.CertificateParts.of(der);
        byte[] spki = parts.subjectPublicKeyInfo();
        byte[] publicKey = keyAlgorithm.equals(Certificate.ED25519) ? Arrays.copyOfRange(spki, 12, 44) : spki;
        return new Certificate(der, parts.tbs(), signatureAlgorithm, parts.signature(), version,
                new BigInteger(serialHex, 16), parts.subject(), subjectText, parts.issuer(), issuerText, commonName,
                dnsNames, notBefore, notAfter, keyAlgorithm, publicKey, keyBits, basicConstraintsCa, pathLenConstraint,
                Optional.empty(), Optional.empty(), extensions);
    }

    /** The DER of a well-formed single-certificate PEM. */
    static byte[] derOf(byte[] pem) {
        return Pem.decode(Pem.CERTIFICATE, pem);
    }

    /** The certificate with the UTF8String tag of its subject CN (the last CN in the DER) changed to OCTET STRING. */
    static byte[] withCommonNameAsOctetString(byte[] der) {
        byte[] commonNameType = {0x06, 0x03, 0x55, 0x04, 0x03, 0x0c};
        byte[] patched = der.clone();
        for (int i = patched.length - commonNameType.length; i >= 0; i--) {
            if (Arrays.equals(patched, i, i + commonNameType.length, commonNameType, 0, commonNameType.length)) {
                patched[i + commonNameType.length - 1] = 0x04;
                return patched;
            }
        }
        throw new AssertionError("no UTF8String CN in the fixture");
    }

    /** The outer SEQUENCE's length {@code 82 hi lo} written as {@code 83 00 hi lo}, which DER forbids. */
    static byte[] withLongFormOuterLength(byte[] der) {
        assertThat(der[1]).isEqualTo((byte) 0x82);
        return concat(new byte[] {0x30, (byte) 0x83, 0, der[2], der[3]}, Arrays.copyOfRange(der, 4, der.length));
    }

    /** The outer SEQUENCE with an indefinite length closed by end-of-contents, which DER forbids. */
    static byte[] withIndefiniteOuterLength(byte[] der) {
        assertThat(der[1]).isEqualTo((byte) 0x82);
        return concat(concat(new byte[] {0x30, (byte) 0x80}, Arrays.copyOfRange(der, 4, der.length)), new byte[2]);
    }

    /** The v3 certificate with its key's BIT STRING holding no key bytes, only its unused-bits count. */
    static byte[] withEmptyPublicKey(byte[] der) {
        return withTbsElement(der, SUBJECT_PUBLIC_KEY_INFO,
                spki -> Der.withElement(spki, 1, bitString -> Der.encode(BIT_STRING, new byte[1])));
    }

    /** The certificate with the length of its outer signature algorithm written in two bytes, which DER forbids. */
    static byte[] withLongFormInnerLength(byte[] der) {
        return Der.withElement(der, 1, algorithm -> {
            assertThat(algorithm[1]).as("a short length").isBetween((byte) 0, (byte) 0x7f);
            return concat(new byte[] {algorithm[0], (byte) 0x81, algorithm[1]}, Der.content(algorithm));
        });
    }

    /** The certificate with its first BOOLEAN TRUE (a critical flag) written {@code 01}, which DER forbids. */
    static byte[] withBooleanTrueAsOne(byte[] der) {
        byte[] booleanTrue = {0x01, 0x01, (byte) 0xff};
        byte[] patched = der.clone();
        for (int i = 0; i + booleanTrue.length <= patched.length; i++) {
            if (Arrays.equals(patched, i, i + booleanTrue.length, booleanTrue, 0, booleanTrue.length)) {
                patched[i + 2] = 0x01;
                return patched;
            }
        }
        throw new AssertionError("no BOOLEAN TRUE in the fixture");
    }

    /** The certificate with NULL parameters in both its Ed25519 signature algorithm identifiers (RFC 8410: none). */
    static byte[] withSignatureAlgorithmParameters(byte[] der) {
        return Der.withElement(Der.withElement(der, 1, Certificates::withNullParameters), 0,
                tbs -> Der.withElement(tbs, TBS_SIGNATURE, Certificates::withNullParameters));
    }

    /** The v3 certificate with NULL parameters in its Ed25519 key's algorithm identifier (RFC 8410: none). */
    static byte[] withPublicKeyAlgorithmParameters(byte[] der) {
        return withTbsElement(der, SUBJECT_PUBLIC_KEY_INFO,
                spki -> Der.withElement(spki, 0, Certificates::withNullParameters));
    }

    private static byte[] withNullParameters(byte[] algorithmIdentifier) {
        assertThat(Der.elements(algorithmIdentifier)).as("an algorithm identifier without parameters").hasSize(1);
        return Der.encode(SEQUENCE, concat(Der.content(algorithmIdentifier), NULL));
    }

    /** The v3 certificate with the extension value (inside its OCTET STRING) of its subjectAltName replaced. */
    static byte[] withSubjectAltNameValue(byte[] der, byte[] value) {
        return withTbsElement(der, EXTENSIONS, explicit -> Der.withElement(explicit, 0, extensions -> {
            List<byte[]> all = Der.elements(extensions);
            for (int i = 0; i < all.size(); i++) {
                List<byte[]> extension = Der.elements(all.get(i));
                if (Arrays.equals(extension.get(0), SUBJECT_ALT_NAME_OID)) {
                    int last = extension.size() - 1;
                    return Der.withElement(extensions, i,
                            old -> Der.withElement(old, last, octets -> Der.encode(OCTET_STRING, value)));
                }
            }
            throw new AssertionError("no subjectAltName in the fixture");
        }));
    }

    /** Element {@code index} of the TBS changed; the signature no longer matches, which parsing does not check. */
    private static byte[] withTbsElement(byte[] der, int index, UnaryOperator<byte[]> change) {
        return Der.withElement(der, 0, tbs -> Der.withElement(tbs, index, change));
    }

    private static Object value(RecordComponent component, Certificate certificate) {
        try {
            return component.getAccessor().invoke(certificate);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
