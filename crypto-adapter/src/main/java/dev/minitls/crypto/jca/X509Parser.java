package dev.minitls.crypto.jca;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.CertificateAlgorithms;
import dev.minitls.domain.cert.KeyUsage;
import dev.minitls.domain.port.CryptoException;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** Parses X.509 certificates with the JDK's {@code CertificateFactory} into the domain's {@link Certificate}. */
final class X509Parser {

    private static final String BASIC_CONSTRAINTS_OID = "2.5.29.19";
    private static final String SUBJECT_ALT_NAME_OID = "2.5.29.17";
    private static final int DNS_NAME = 2;
    private static final String ED25519_OID = "1.3.101.112";
    /** The Ed25519 AlgorithmIdentifier of RFC 8410: the OID and no parameters. */
    private static final byte[] ED25519_ALGORITHM = HexFormat.of().parseHex("300506032b6570");
    /** The tag of a TBSCertificate's explicit version, [0]. */
    private static final byte EXPLICIT_VERSION = (byte) 0xa0;

    private X509Parser() {
    }

    static Certificate parse(byte[] der) {
        X509Certificate x509 = read(der);
        try {
            // The JDK also reads BER, and stops after the first certificate: the signed bytes must be the input.
            if (!Arrays.equals(x509.getEncoded(), der)) {
                throw malformed("the input is not exactly one DER-encoded certificate", null);
            }
            Optional<String> notDer = StrictDer.violation(der);
            if (notDer.isPresent()) {
                throw malformed("not DER-encoded: " + notDer.get(), null);
            }
            // The JDK reads NULL parameters as none: the certificate's own bytes must be RFC 8410's, in both places.
            byte[] tbs = x509.getTBSCertificate();
            int skipVersion = tbs[headerLength(tbs, 0)] == EXPLICIT_VERSION ? 1 : 0;
            if (x509.getSigAlgOID().equals(ED25519_OID) && !(Arrays.equals(element(der, 1), ED25519_ALGORITHM)
                    && Arrays.equals(element(tbs, 1 + skipVersion), ED25519_ALGORITHM))) {
                throw malformed("the Ed25519 signature algorithm has parameters (RFC 8410 forbids them)", null);
            }
            PublicKey key = x509.getPublicKey();
            byte[] spki = key.getEncoded();
            Optional<byte[]> ed25519 = Ed25519SubjectPublicKeyInfo.rawKey(spki);
            // The JDK encodes the key afresh, dropping parameters: the certificate's own bytes must be that form.
            if (ed25519.isPresent() && !Arrays.equals(element(tbs, 5 + skipVersion), spki)) {
                throw malformed("the Ed25519 key's algorithm identifier has parameters (RFC 8410 forbids them)", null);
            }
            byte[] keyAlgorithmIdentifier = element(element(tbs, 5 + skipVersion), 0);
            String keyAlgorithm = CertificateAlgorithms.keyAlgorithm(keyAlgorithmIdentifier,
                    algorithmOid(keyAlgorithmIdentifier));
            return new Certificate(
                    der,
                    x509.getTBSCertificate(),
                    CertificateAlgorithms.signatureAlgorithm(element(der, 1), x509.getSigAlgOID()),
                    x509.getSignature(),
                    x509.getVersion(),
                    x509.getSerialNumber(),
                    x509.getSubjectX500Principal().getEncoded(),
                    x509.getSubjectX500Principal().getName(X500Principal.RFC2253),
                    x509.getIssuerX500Principal().getEncoded(),
                    x509.getIssuerX500Principal().getName(X500Principal.RFC2253),
                    commonName(x509.getSubjectX500Principal()),
                    dnsNames(x509),
                    x509.getNotBefore().toInstant(),
                    x509.getNotAfter().toInstant(),
                    keyAlgorithm,
                    ed25519.orElse(spki),
                    keyBits(keyAlgorithm, key),
                    basicConstraintsCa(x509),
                    pathLenConstraint(x509),
                    keyUsage(x509),
                    Optional.ofNullable(x509.getExtendedKeyUsage()),
                    extensions(x509));
        } catch (CryptoException e) {
            throw e;
        } catch (CertificateException | RuntimeException e) {
            // The JDK throws unchecked exceptions too on some malformed input (an empty Ed25519 key, for one).
            throw malformed("not well-formed (" + e.getMessage() + ")", e);
        }
    }

    private static X509Certificate read(byte[] der) {
        CertificateFactory factory = Jca.engine("X.509", CertificateFactory::getInstance);
        try {
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw malformed("not well-formed (" + e.getMessage() + ")", e);
        }
    }

    /** The first CN of the subject in encoding order; a CN that is not a string is malformed. */
    private static Optional<String> commonName(X500Principal subject) {
        try {
            // An LdapName lists RDNs right to left, i.e. in the order the DER encodes them.
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                Attribute cn = rdn.toAttributes().get("CN");
                if (cn != null) {
                    if (cn.get() instanceof String value) {
                        return Optional.of(value);
                    }
                    throw malformed("the subject CN is not a string", null);
                }
            }
            return Optional.empty();
        } catch (NamingException e) {
            throw new IllegalStateException("the JDK wrote a subject name it cannot read back", e);
        }
    }

    private static List<String> dnsNames(X509Certificate x509) throws CertificateException {
        Collection<List<?>> altNames = x509.getSubjectAlternativeNames();
        if (altNames == null && x509.getExtensionValue(SUBJECT_ALT_NAME_OID) != null) {
            // The JDK keeps a non-critical extension it cannot parse and reports no names; falling back to the CN
            // would then depend on the provider. Bouncy Castle refuses such a certificate, and so does this.
            throw malformed("the subjectAltName extension cannot be parsed", null);
        }
        List<String> names = new ArrayList<>();
        if (altNames != null) {
            for (List<?> altName : altNames) {
                if (altName.get(0).equals(DNS_NAME)) {
                    names.add((String) altName.get(1));
                }
            }
        }
        return names;
    }

    /** The dotted OID at the start of an AlgorithmIdentifier (DER), which the JDK has parsed already. */
    private static String algorithmOid(byte[] algorithmIdentifier) {
        byte[] oid = element(algorithmIdentifier, 0);
        StringBuilder dotted = new StringBuilder();
        long arc = 0;
        for (int i = headerLength(oid, 0); i < oid.length; i++) {
            arc = (arc << 7) | (oid[i] & 0x7f);
            if ((oid[i] & 0x80) == 0) {
                if (dotted.length() == 0) {
                    int first = (int) Math.min(arc / 40, 2);
                    dotted.append(first).append('.').append(arc - 40L * first);
                } else {
                    dotted.append('.').append(arc);
                }
                arc = 0;
            }
        }
        return dotted.toString();
    }

    /** The modulus's length of an RSA key, 256 for EC P-256 and Ed25519, 0 for other keys. */
    private static int keyBits(String keyAlgorithm, PublicKey key) {
        return switch (keyAlgorithm) {
            case CertificateAlgorithms.RSA -> ((RSAPublicKey) key).getModulus().bitLength();
            case CertificateAlgorithms.EC_P256, CertificateAlgorithms.ED25519 -> 256;
            default -> 0;
        };
    }

    /** The JDK reports -1 for no CA, {@link Integer#MAX_VALUE} for a CA without a pathLenConstraint. */
    private static Optional<Integer> pathLenConstraint(X509Certificate x509) {
        int pathLen = x509.getBasicConstraints();
        return pathLen < 0 || pathLen == Integer.MAX_VALUE ? Optional.empty() : Optional.of(pathLen);
    }

    private static Optional<Boolean> basicConstraintsCa(X509Certificate x509) {
        if (x509.getExtensionValue(BASIC_CONSTRAINTS_OID) == null) {
            return Optional.empty();
        }
        return Optional.of(x509.getBasicConstraints() >= 0);
    }

    /** The bits set, as far as RFC 5280 names them (the JDK also reports any further bits the encoding has). */
    private static Optional<Set<KeyUsage>> keyUsage(X509Certificate x509) {
        boolean[] bits = x509.getKeyUsage();
        if (bits == null) {
            return Optional.empty();
        }
        Set<KeyUsage> usages = EnumSet.noneOf(KeyUsage.class);
        for (KeyUsage usage : KeyUsage.values()) {
            if (usage.bit() < bits.length && bits[usage.bit()]) {
                usages.add(usage);
            }
        }
        return Optional.of(usages);
    }

    private static List<Certificate.Extension> extensions(X509Certificate x509) {
        List<Certificate.Extension> extensions = new ArrayList<>();
        for (boolean critical : new boolean[] {true, false}) {
            Set<String> oids = critical ? x509.getCriticalExtensionOIDs() : x509.getNonCriticalExtensionOIDs();
            for (String oid : oids == null ? Set.<String>of() : oids) {
                extensions.add(new Certificate.Extension(oid, critical,
                        octetStringContent(x509.getExtensionValue(oid))));
            }
        }
        return extensions;
    }

    /** The content of the DER OCTET STRING the JDK wraps an extension's value in: what follows tag and length. */
    private static byte[] octetStringContent(byte[] der) {
        return Arrays.copyOfRange(der, headerLength(der, 0), der.length);
    }

    /**
     * Element {@code index} of a DER SEQUENCE, whole: tag, length and content. The JDK has parsed these bytes
     * already, so their structure is sound.
     */
    private static byte[] element(byte[] sequence, int index) {
        int at = headerLength(sequence, 0);
        for (int i = 0; i < index; i++) {
            at += headerLength(sequence, at) + contentLength(sequence, at);
        }
        return Arrays.copyOfRange(sequence, at, at + headerLength(sequence, at) + contentLength(sequence, at));
    }

    /** Tag and length bytes of the DER element at {@code at}. */
    private static int headerLength(byte[] der, int at) {
        return (der[at + 1] & 0x80) == 0 ? 2 : 2 + (der[at + 1] & 0x7f);
    }

    private static int contentLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return length;
    }

    private static CryptoException malformed(String detail, Throwable cause) {
        return new CryptoException(CryptoException.Kind.MALFORMED, "X.509 certificate: " + detail, cause);
    }
}
