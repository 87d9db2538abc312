package dev.minitls.domain.cert;

import dev.minitls.domain.Bytes;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An X.509 certificate as the crypto port parsed it: the fields the protocol checks, plus what a learner wants to
 * see. Names are compared by their DER encoding, which is how X.509 path validation compares them too.
 *
 * @param der the whole certificate, DER
 * @param tbsCertificate the signed part (TBSCertificate), DER
 * @param signatureAlgorithm the algorithm's name as {@link CertificateAlgorithms} gives it, the same on every provider
 *     (e.g. {@code Ed25519}, {@code ecdsa-with-SHA256}), or its OID when minitls has no name for it
 * @param signature the signature value
 * @param version 1 or 3 (as humans count them)
 * @param serialNumber the serial number
 * @param subject the subject name, DER
 * @param subjectText the subject in RFC 4514 form, for messages
 * @param issuer the issuer name, DER
 * @param issuerText the issuer in RFC 4514 form, for messages
 * @param commonName the subject's CN, when it has one
 * @param dnsNames the subjectAltName dNSName entries (empty when there is no such extension)
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param keyAlgorithm the key's algorithm as {@link CertificateAlgorithms} names it (e.g. {@code Ed25519},
 *     {@code EC P-256}, {@code RSA}, {@code Ed448}), or its OID when minitls has no name for it
 * @param publicKey the raw 32-byte key for Ed25519; the whole SubjectPublicKeyInfo (DER) for anything else
 * @param keyBits the key's size: the modulus's length for RSA, 256 for EC P-256 and Ed25519, 0 for other keys
 * @param basicConstraintsCa the cA flag of BasicConstraints, empty when the extension is absent
 * @param pathLenConstraint the pathLenConstraint of BasicConstraints with cA true (how many intermediate CAs may
 *     follow below this one), empty when absent or when the certificate is no CA
 * @param keyUsage the bits set in KeyUsage, empty when the extension is absent
 * @param extendedKeyUsage the key purpose OIDs of ExtendedKeyUsage, dotted, empty when the extension is absent
 * @param extensions every X.509 v3 extension, ordered by OID (empty for a v1 certificate)
 */
public record Certificate(
        byte[] der,
        byte[] tbsCertificate,
        String signatureAlgorithm,
        byte[] signature,
        int version,
        BigInteger serialNumber,
        byte[] subject,
        String subjectText,
        byte[] issuer,
        String issuerText,
        Optional<String> commonName,
        List<String> dnsNames,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        byte[] publicKey,
        int keyBits,
        Optional<Boolean> basicConstraintsCa,
        Optional<Integer> pathLenConstraint,
        Optional<Set<KeyUsage>> keyUsage,
        Optional<List<String>> extendedKeyUsage,
        List<Extension> extensions) {

    public static final String ED25519 = "Ed25519";

    public Certificate {
        dnsNames = List.copyOf(dnsNames);
        keyUsage = keyUsage.map(Set::copyOf);
        extendedKeyUsage = extendedKeyUsage.map(List::copyOf);
        extensions = extensions.stream().sorted(Extension.BY_OID).toList();
    }

    /**
     * One X.509 v3 extension, as a learner would look it up: its OID (e.g. {@code 2.5.29.19} for BasicConstraints),
     * whether it is critical, and its value. Two extensions are equal when their parts are, value byte for byte.
     *
     * @param oid the extension's object identifier, dotted
     * @param critical whether a verifier that does not know it must reject the certificate
     * @param value the DER inside the extension's {@code extnValue} OCTET STRING
     */
    public record Extension(String oid, boolean critical, byte[] value) {

        private static final Pattern DOTTED = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))+");

        /** By OID, arc by arc as numbers, so that {@code 2.5.29.9} comes before {@code 2.5.29.14}. */
        static final Comparator<Extension> BY_OID = (a, b) -> compareDotted(a.oid, b.oid);

        public Extension {
            Objects.requireNonNull(oid, "oid");
            if (!DOTTED.matcher(oid).matches()) {
                throw new IllegalArgumentException("not a dotted OID: \"" + oid + "\"");
            }
            value = value.clone();
        }

        /** A copy of the value. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Extension e && oid.equals(e.oid) && critical == e.critical
                    && Arrays.equals(value, e.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(oid, critical, Arrays.hashCode(value));
        }

        @Override
        public String toString() {
            return "Extension[" + oid + (critical ? ", critical, " : ", ") + Bytes.hex(value) + "]";
        }

        /**
         * Two dotted OIDs in arc order. An arc has no leading zero (the constructor checks), so of two arcs the one
         * with more digits is the larger number, and two of one length compare as text: nothing is parsed.
         */
        private static int compareDotted(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int endA = arcEnd(a, i);
                int endB = arcEnd(b, j);
                if (endA - i != endB - j) {
                    return Integer.compare(endA - i, endB - j);
                }
                for (; i < endA; i++, j++) {
                    if (a.charAt(i) != b.charAt(j)) {
                        return Character.compare(a.charAt(i), b.charAt(j));
                    }
                }
                i++;
                j++;
            }
            // the OID that has arcs left extends the other, and comes after it
            return Boolean.compare(i < a.length(), j < b.length());
        }

        private static int arcEnd(String oid, int from) {
            int dot = oid.indexOf('.', from);
            return dot < 0 ? oid.length() : dot;
        }
    }

    /** True when the subject and issuer names are the same (RFC 5280: self-issued), as in a root CA. */
    public boolean isSelfIssued() {
        return Arrays.equals(subject, issuer);
    }

    /** True when the certificate's key is an Ed25519 key. */
    public boolean hasEd25519Key() {
        return ED25519.equals(keyAlgorithm) && publicKey.length == 32;
    }
}
