package dev.minitls.crypto.bc;

import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.RandomSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcEdECContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Date;

/**
 * Issues the {@code certs} command's material with bcpkix: an Ed25519 root CA and a server certificate it signs.
 *
 * <p>The root CA certificate is self-signed X.509 v3 with BasicConstraints {@code CA:true, pathlen:0} and KeyUsage
 * {@code keyCertSign, cRLSign} (both critical) and a SubjectKeyIdentifier. The server certificate has
 * BasicConstraints {@code CA:false} and KeyUsage {@code digitalSignature} (both critical), subject
 * {@code CN=serverName}, subjectAltName {@code DNS:serverName}, and Authority and Subject Key Identifiers. Key
 * identifiers are the SHA-1 of the public key (RFC 5280, section 4.2.1.2, method 1).
 *
 * <p>Both private keys and both serial numbers come from the {@link RandomSource}, in that order: the root key
 * (32 bytes), the server key (32 bytes), the root serial and the server serial (16 bytes each). Ed25519 signatures
 * are deterministic, so pinned randomness and a pinned request give identical output.
 */
public final class CertificateAuthority {

    private static final int SEED_LENGTH = Ed25519PrivateKeyParameters.KEY_SIZE;
    private static final int SERIAL_LENGTH = 16;
    private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);

    private final RandomSource random;
    private final BcX509ExtensionUtils extensions = new BcX509ExtensionUtils();

    public CertificateAuthority(RandomSource random) {
        this.random = random;
    }

    /** A fresh root CA and server certificate with new keys, as PEM text. */
    public IssuedMaterial issue(IssuanceRequest request) {
        byte[] rootSeed = random.nextBytes(SEED_LENGTH);
        byte[] serverSeed = random.nextBytes(SEED_LENGTH);
        try {
            return issue(request,
                    new Ed25519PrivateKeyParameters(rootSeed), new Ed25519PrivateKeyParameters(serverSeed));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("Bouncy Castle failed to build a certificate", e);
        } finally {
            Arrays.fill(rootSeed, (byte) 0);
            Arrays.fill(serverSeed, (byte) 0);
        }
    }

    private IssuedMaterial issue(IssuanceRequest request, Ed25519PrivateKeyParameters rootKey,
            Ed25519PrivateKeyParameters serverKey) throws IOException, OperatorCreationException {
        Ed25519PublicKeyParameters rootPublic = rootKey.generatePublicKey();
        Ed25519PublicKeyParameters serverPublic = serverKey.generatePublicKey();
        X500Name rootName = commonName(request.rootCommonName());
        ContentSigner rootSigner = new BcEdECContentSignerBuilder(ED25519).build(rootKey);

        X509v3CertificateBuilder root = builder(request, rootName, rootName, rootPublic);
        root.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        root.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        root.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(rootPublic));

        X509v3CertificateBuilder server =
                builder(request, rootName, commonName(request.serverName()), serverPublic);
        server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        server.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, request.serverName())));
        server.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(rootPublic));
        server.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(serverPublic));

        return new IssuedMaterial(
                certificatePem(root.build(rootSigner)),
                certificatePem(server.build(rootSigner)),
                publicKeyPem(rootPublic),
                publicKeyPem(serverPublic),
                privateKeyPem(rootKey),
                privateKeyPem(serverKey));
    }

    private X509v3CertificateBuilder builder(IssuanceRequest request, X500Name issuer, X500Name subject,
            Ed25519PublicKeyParameters publicKey) throws IOException {
        return new BcX509v3CertificateBuilder(issuer, serialNumber(), Date.from(request.notBefore()),
                Date.from(request.notAfter()), subject, publicKey);
    }

    /** A positive 16-byte serial number: top bit cleared (positive), the next one set (never zero, full length). */
    private BigInteger serialNumber() {
        byte[] bytes = random.nextBytes(SERIAL_LENGTH);
        bytes[0] = (byte) ((bytes[0] & 0x7f) | 0x40);
        return new BigInteger(bytes);
    }

    private static X500Name commonName(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    }

    private static String certificatePem(X509CertificateHolder certificate) throws IOException {
        return Pem.encode("CERTIFICATE", certificate.getEncoded());
    }

    private static String publicKeyPem(Ed25519PublicKeyParameters key) throws IOException {
        return Pem.encode("PUBLIC KEY",
                SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded(ASN1Encoding.DER));
    }

    /** PKCS#8 version 1 without the optional public key, byte for byte what OpenSSL and Python write. */
    private static String privateKeyPem(Ed25519PrivateKeyParameters key) throws IOException {
        byte[] seed = key.getEncoded();
        try {
            return Pem.encode("PRIVATE KEY",
                    new PrivateKeyInfo(ED25519, new DEROctetString(seed)).getEncoded(ASN1Encoding.DER));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
