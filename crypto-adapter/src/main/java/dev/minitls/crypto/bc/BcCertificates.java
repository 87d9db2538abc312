package dev.minitls.crypto.bc;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.CertificateAlgorithms;
import dev.minitls.domain.cert.KeyUsage;
import dev.minitls.domain.port.CryptoException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
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
import org.bouncycastle.cert.X509CertificateHolder;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Parses X.509 certificates with bcpkix. A certificate must be DER (so that the signed bytes are exactly the bytes
 * received), and its two signature-algorithm fields must agree; anything else is {@code MALFORMED}.
 */
final class BcCertificates {

    private static final int ED25519_KEY_LENGTH = 32;
    private static final int P256_BITS = 256;

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
        BasicConstraints basicConstraints = basicConstraints(holder);
        return new Certificate(
                der,
                structure.getTBSCertificate().getEncoded(ASN1Encoding.DER),
                CertificateAlgorithms.signatureAlgorithm(structure.getSignatureAlgorithm().getEncoded(ASN1Encoding.DER),
                        structure.getSignatureAlgorithm().getAlgorithm().getId()),
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
                key.bits(),
                Optional.ofNullable(basicConstraints).map(BasicConstraints::isCA),
                pathLenConstraint(basicConstraints),
                keyUsage(holder),
                extendedKeyUsage(holder),
                extensions(holder));
    }

    /**
     * The key's algorithm name, bytes and size: the raw key for Ed25519, the whole SubjectPublicKeyInfo otherwise.
     */
    private record PublicKey(String algorithm, byte[] bytes, int bits) {
    }

    private static PublicKey publicKey(SubjectPublicKeyInfo info) throws IOException {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        String name = CertificateAlgorithms.keyAlgorithm(info.getAlgorithm().getEncoded(ASN1Encoding.DER),
                algorithm.getId());
        if (!algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            int bits = switch (name) {
                case CertificateAlgorithms.RSA -> RSAPublicKey.getInstance(info.parsePublicKey()).getModulus()
                        .bitLength();
                case CertificateAlgorithms.EC_P256 -> P256_BITS;
                default -> 0;
            };
            return new PublicKey(name, info.getEncoded(ASN1Encoding.DER), bits);
        }
        if (info.getAlgorithm().getParameters() != null) {
            throw malformed("the Ed25519 key's algorithm identifier has parameters (RFC 8410 forbids them)");
        }
        byte[] key = info.getPublicKeyData().getOctets();
        if (key.length != ED25519_KEY_LENGTH) {
            throw malformed("the Ed25519 public key is " + key.length + " bytes, not " + ED25519_KEY_LENGTH);
        }
        return new PublicKey(name, key, ED25519_KEY_LENGTH * 8);
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

    /** BasicConstraints, or null when the certificate has none. */
    private static BasicConstraints basicConstraints(X509CertificateHolder holder) {
        Extension extension = holder.getExtension(Extension.basicConstraints);
        return extension == null ? null : BasicConstraints.getInstance(extension.getParsedValue());
    }

    /**
     * The pathLenConstraint of a CA, as the JDK reports it too: none for a certificate that is not a CA, none for
     * {@link Integer#MAX_VALUE} (the JDK's "unlimited"), and a value beyond an int is malformed (the JDK cannot
     * read it either).
     */
    private static Optional<Integer> pathLenConstraint(BasicConstraints basicConstraints) {
        if (basicConstraints == null || !basicConstraints.isCA() || basicConstraints.getPathLenConstraint() == null) {
            return Optional.empty();
        }
        int pathLen = basicConstraints.getPathLenConstraint().intValueExact();
        return pathLen == Integer.MAX_VALUE ? Optional.empty() : Optional.of(pathLen);
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
