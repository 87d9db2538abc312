package dev.minitls.crypto.bc;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.KeyUsage;
import dev.minitls.domain.port.CryptoException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.DirectoryString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Parses X.509 certificates with bcpkix. A certificate must be DER (so that the signed bytes are exactly the bytes
 * received), and its two signature-algorithm fields must agree; anything else is {@code MALFORMED}.
 */
final class BcCertificates {

    private static final int ED25519_KEY_LENGTH = 32;

    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
            EdECObjectIdentifiers.id_Ed25519, Certificate.ED25519,
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            EdECObjectIdentifiers.id_X25519, "X25519",
            EdECObjectIdentifiers.id_X448, "X448",
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            X9ObjectIdentifiers.id_dsa, "DSA");

    private static final Map<ASN1ObjectIdentifier, String> SIGNATURE_ALGORITHMS = Map.of(
            EdECObjectIdentifiers.id_Ed25519, Certificate.ED25519,
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
            X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA");

    private BcCertificates() {
    }

    /** One certificate from its DER encoding, every field of {@link Certificate} filled. */
    static Certificate parse(byte[] der) {
        try {
            return fields(der);
        } catch (CryptoException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw malformed("not well-formed (" + reason + ")", e);
        }
    }

    private static Certificate fields(byte[] der) throws IOException {
        X509CertificateHolder holder = new X509CertificateHolder(der);
        org.bouncycastle.asn1.x509.Certificate structure = holder.toASN1Structure();
        if (!Arrays.equals(structure.getEncoded(ASN1Encoding.DER), der)) {
            throw malformed("the certificate is not DER-encoded");
        }
        if (!structure.getSignatureAlgorithm().equals(structure.getTBSCertificate().getSignature())) {
            throw malformed("the signature algorithm differs between the certificate and its TBSCertificate");
        }
        if (structure.getSignatureAlgorithm().getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)
                && structure.getSignatureAlgorithm().getParameters() != null) {
            throw malformed("the Ed25519 signature algorithm has parameters (RFC 8410 forbids them)");
        }
        PublicKey key = publicKey(holder.getSubjectPublicKeyInfo());
        return new Certificate(
                der,
                structure.getTBSCertificate().getEncoded(ASN1Encoding.DER),
                name(SIGNATURE_ALGORITHMS, holder.getSignatureAlgorithm().getAlgorithm()),
                holder.getSignature(),
                holder.getVersionNumber(),
                holder.getSerialNumber(),
                holder.getSubject().getEncoded(ASN1Encoding.DER),
                rfc4514(holder.getSubject()),
                holder.getIssuer().getEncoded(ASN1Encoding.DER),
                rfc4514(holder.getIssuer()),
                commonName(holder.getSubject()),
                dnsNames(holder),
                holder.getNotBefore().toInstant(),
                holder.getNotAfter().toInstant(),
                key.algorithm(),
                key.bytes(),
                basicConstraintsCa(holder),
                keyUsage(holder),
                extendedKeyUsage(holder),
                extensions(holder));
    }

    /** The key's algorithm name and bytes: the raw key for Ed25519, the whole SubjectPublicKeyInfo otherwise. */
    private record PublicKey(String algorithm, byte[] bytes) {
    }

    private static PublicKey publicKey(SubjectPublicKeyInfo info) throws IOException {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (!algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return new PublicKey(name(KEY_ALGORITHMS, algorithm), info.getEncoded(ASN1Encoding.DER));
        }
        if (info.getAlgorithm().getParameters() != null) {
            throw malformed("the Ed25519 key's algorithm identifier has parameters (RFC 8410 forbids them)");
        }
        byte[] key = info.getPublicKeyData().getOctets();
        if (key.length != ED25519_KEY_LENGTH) {
            throw malformed("the Ed25519 public key is " + key.length + " bytes, not " + ED25519_KEY_LENGTH);
        }
        return new PublicKey(Certificate.ED25519, key);
    }

    private static String name(Map<ASN1ObjectIdentifier, String> names, ASN1ObjectIdentifier oid) {
        return names.getOrDefault(oid, oid.getId());
    }

    private static String rfc4514(X500Name name) throws IOException {
        return new X500Principal(name.getEncoded(ASN1Encoding.DER)).getName(X500Principal.RFC2253);
    }

    /** The first CN of the subject, as the original program reads it. */
    private static Optional<String> commonName(X500Name subject) {
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(BCStyle.CN)) {
                    return Optional.of(DirectoryString.getInstance(attribute.getValue()).getString());
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> dnsNames(X509CertificateHolder holder) {
        Extension extension = holder.getExtension(Extension.subjectAlternativeName);
        if (extension == null) {
            return List.of();
        }
        return Arrays.stream(GeneralNames.getInstance(extension.getParsedValue()).getNames())
                .filter(name -> name.getTagNo() == GeneralName.dNSName)
                .map(name -> ASN1IA5String.getInstance(name.getName()).getString())
                .toList();
    }

    private static Optional<Boolean> basicConstraintsCa(X509CertificateHolder holder) {
        Extension extension = holder.getExtension(Extension.basicConstraints);
        return Optional.ofNullable(extension)
                .map(present -> BasicConstraints.getInstance(present.getParsedValue()).isCA());
    }

    /** The bits set; Bouncy Castle's masks put bits 0 to 7 in the first byte, high bit first, and bit 8 after. */
    private static Optional<Set<KeyUsage>> keyUsage(X509CertificateHolder holder) {
        Extension extension = holder.getExtension(Extension.keyUsage);
        if (extension == null) {
            return Optional.empty();
        }
        org.bouncycastle.asn1.x509.KeyUsage bits =
                org.bouncycastle.asn1.x509.KeyUsage.getInstance(extension.getParsedValue());
        Set<KeyUsage> usages = EnumSet.noneOf(KeyUsage.class);
        for (KeyUsage usage : KeyUsage.values()) {
            int mask = usage.bit() < 8 ? 1 << (7 - usage.bit()) : 1 << (15 - (usage.bit() - 8));
            if (bits.hasUsages(mask)) {
                usages.add(usage);
            }
        }
        return Optional.of(usages);
    }

    private static Optional<List<String>> extendedKeyUsage(X509CertificateHolder holder) {
        Extension extension = holder.getExtension(Extension.extendedKeyUsage);
        return Optional.ofNullable(extension).map(present -> Arrays.stream(
                ExtendedKeyUsage.getInstance(present.getParsedValue()).getUsages())
                .map(purpose -> purpose.toOID().getId()).toList());
    }

    private static List<Certificate.Extension> extensions(X509CertificateHolder holder) {
        Extensions extensions = holder.getExtensions();
        if (extensions == null) {
            return List.of();
        }
        return Arrays.stream(extensions.getExtensionOIDs()).map(extensions::getExtension)
                .map(extension -> new Certificate.Extension(extension.getExtnId().getId(), extension.isCritical(),
                        extension.getExtnValue().getOctets()))
                .toList();
    }

    private static CryptoException malformed(String detail) {
        return new CryptoException(CryptoException.Kind.MALFORMED, "X.509 certificate: " + detail);
    }

    private static CryptoException malformed(String detail, Throwable cause) {
        return new CryptoException(CryptoException.Kind.MALFORMED, "X.509 certificate: " + detail, cause);
    }
}
