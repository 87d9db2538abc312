package dev.minitls.domain.cert;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An X.509 certificate as the crypto port parsed it: the fields the protocol checks, plus what a learner wants to
 * see. Names are compared by their DER encoding, which is how X.509 path validation compares them too.
 *
 * @param der the whole certificate, DER
 * @param tbsCertificate the signed part (TBSCertificate), DER
 * @param signatureAlgorithm {@code Ed25519}, or the algorithm's name or OID when it is anything else
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
 * @param keyAlgorithm {@code Ed25519}, or the key's algorithm name or OID (e.g. {@code RSA}, {@code EC}, {@code Ed448})
 * @param publicKey the raw 32-byte key for Ed25519; the whole SubjectPublicKeyInfo (DER) for anything else
 * @param basicConstraintsCa the cA flag of BasicConstraints, empty when the extension is absent
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
        Optional<Boolean> basicConstraintsCa) {

    public static final String ED25519 = "Ed25519";

    public Certificate {
        dnsNames = List.copyOf(dnsNames);
    }

    /** True when the certificate's key is an Ed25519 key. */
    public boolean hasEd25519Key() {
        return ED25519.equals(keyAlgorithm) && publicKey.length == 32;
    }
}
