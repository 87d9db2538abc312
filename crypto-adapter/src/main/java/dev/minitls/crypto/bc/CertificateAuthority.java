package dev.minitls.crypto.bc;

import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.RandomSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcEdECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

/**
 * Issues the {@code certs} command's material with bcpkix: a root CA, when asked an intermediate CA it signs, and a
 * server certificate signed by the last CA, all with keys of the request's {@link KeyType}.
 *
 * <p>The root CA certificate is self-signed X.509 v3 with BasicConstraints {@code CA:true, pathlen:0} ({@code
 * pathlen:1} above an intermediate) and KeyUsage {@code keyCertSign, cRLSign} (both critical) and a
 * SubjectKeyIdentifier. An intermediate CA certificate has BasicConstraints {@code CA:true, pathlen:0}, the same
 * KeyUsage, and Authority and Subject Key Identifiers. The server certificate has BasicConstraints {@code CA:false}
 * and KeyUsage {@code digitalSignature} (both critical), subject {@code CN=serverName}, subjectAltName
 * {@code DNS:serverName}, and Authority and Subject Key Identifiers. Key identifiers are the SHA-1 of the public key
 * (RFC 5280, section 4.2.1.2, method 1). Certificates are signed with Ed25519, ecdsa-with-SHA256 or
 * sha256WithRSAEncryption, as the issuer's key is; private keys are written as unencrypted PKCS#8.
 *
 * <p>From the {@link RandomSource}, in this order: the Ed25519 keys of the root, the server (and the intermediate)
 * (32 bytes each), then the serial numbers (16 bytes each) of the root, (the intermediate) and the server. Ed25519
 * signatures are deterministic, so pinned randomness and a pinned request give identical output. ECDSA and RSA keys
 * and ECDSA signatures take Bouncy Castle's own randomness ({@link CryptoServicesRegistrar#getSecureRandom()}, the
 * operating system's), passed straight to its generators: this package names no JCA class (rule 4d of the architecture tests).
 */
public final class CertificateAuthority {

    private static final int SEED_LENGTH = Ed25519PrivateKeyParameters.KEY_SIZE;
    private static final int SERIAL_LENGTH = 16;
    private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
    private static final int RSA_BITS = 2048;
    private static final BigInteger RSA_EXPONENT = BigInteger.valueOf(65537);
    /** Miller-Rabin certainty of the RSA primes, as Bouncy Castle's own default for 2048 bits. */
    private static final int RSA_CERTAINTY = 112;

    private final RandomSource random;
    private final BcX509ExtensionUtils extensions = new BcX509ExtensionUtils();

    public CertificateAuthority(RandomSource random) {
        this.random = random;
    }

    /** One key pair of the PKI, with its PKCS#8 private key as PEM. */
    private record KeyPair(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey, String privateKeyPem) {
    }

    /** A fresh PKI with new keys, as PEM text. */
    public IssuedMaterial issue(IssuanceRequest request) {
        try {
            KeyPair rootKey = keyPair(request.keyType());
            KeyPair serverKey = keyPair(request.keyType());
            Optional<KeyPair> intermediateKey = request.intermediateCommonName().isPresent()
                    ? Optional.of(keyPair(request.keyType())) : Optional.empty();
            return issue(request, rootKey, intermediateKey, serverKey);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("Bouncy Castle failed to build a certificate", e);
        }
    }

    private IssuedMaterial issue(IssuanceRequest request, KeyPair rootKey, Optional<KeyPair> intermediateKey,
            KeyPair serverKey) throws IOException, OperatorCreationException {
        X500Name rootName = commonName(request.rootCommonName());
        X509v3CertificateBuilder root = builder(request, rootName, rootName, rootKey.publicKey());
        root.addExtension(Extension.basicConstraints, true,
                new BasicConstraints(intermediateKey.isPresent() ? 1 : 0));
        root.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        root.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(rootKey.publicKey()));
        String rootPem = certificatePem(root.build(signer(request.keyType(), rootKey)));

        Optional<IssuedMaterial.Authority> intermediate = Optional.empty();
        X500Name issuerName = rootName;
        KeyPair issuerKey = rootKey;
        if (intermediateKey.isPresent()) {
            X500Name intermediateName = commonName(request.intermediateCommonName().orElseThrow());
            X509v3CertificateBuilder ca = builder(request, rootName, intermediateName,
                    intermediateKey.get().publicKey());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            addKeyIdentifiers(ca, rootKey, intermediateKey.get());
            intermediate = Optional.of(new IssuedMaterial.Authority(
                    certificatePem(ca.build(signer(request.keyType(), rootKey))),
                    publicKeyPem(intermediateKey.get()), intermediateKey.get().privateKeyPem()));
            issuerName = intermediateName;
            issuerKey = intermediateKey.get();
        }

        X509v3CertificateBuilder server =
                builder(request, issuerName, commonName(request.serverName()), serverKey.publicKey());
        server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        server.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, request.serverName())));
        addKeyIdentifiers(server, issuerKey, serverKey);

        return new IssuedMaterial(
                rootPem,
                certificatePem(server.build(signer(request.keyType(), issuerKey))),
                publicKeyPem(rootKey),
                publicKeyPem(serverKey),
                rootKey.privateKeyPem(),
                serverKey.privateKeyPem(),
                intermediate);
    }

    private void addKeyIdentifiers(X509v3CertificateBuilder certificate, KeyPair issuer, KeyPair subject)
            throws IOException {
        certificate.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(issuer.publicKey()));
        certificate.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(subject.publicKey()));
    }

    private KeyPair keyPair(KeyType type) throws IOException {
        switch (type) {
            case ED25519 -> {
                byte[] seed = random.nextBytes(SEED_LENGTH);
                try {
                    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed);
                    return new KeyPair(key, key.generatePublicKey(), ed25519PrivateKeyPem(key));
                } finally {
                    Arrays.fill(seed, (byte) 0);
                }
            }
            case ECDSA_P256 -> {
                ECKeyPairGenerator generator = new ECKeyPairGenerator();
                generator.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(
                        SECObjectIdentifiers.secp256r1, ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1)),
                        CryptoServicesRegistrar.getSecureRandom()));
                return keyPair(generator.generateKeyPair());
            }
            case RSA_2048 -> {
                RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
                generator.init(new RSAKeyGenerationParameters(RSA_EXPONENT,
                        CryptoServicesRegistrar.getSecureRandom(), RSA_BITS, RSA_CERTAINTY));
                return keyPair(generator.generateKeyPair());
            }
            default -> throw new IllegalArgumentException("no such key type: " + type);
        }
    }

    private static KeyPair keyPair(AsymmetricCipherKeyPair pair) throws IOException {
        return new KeyPair(pair.getPrivate(), pair.getPublic(), Pem.encode("PRIVATE KEY",
                PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate()).getEncoded(ASN1Encoding.DER)));
    }

    private ContentSigner signer(KeyType type, KeyPair issuer) throws OperatorCreationException {
        return switch (type) {
            case ED25519 -> new BcEdECContentSignerBuilder(ED25519).build(issuer.privateKey());
            case ECDSA_P256 -> new BcECContentSignerBuilder(signatureAlgorithm("SHA256withECDSA"),
                    digestAlgorithm("SHA256withECDSA")).build(issuer.privateKey());
            case RSA_2048 -> new BcRSAContentSignerBuilder(signatureAlgorithm("SHA256withRSA"),
                    digestAlgorithm("SHA256withRSA")).build(issuer.privateKey());
        };
    }

    private static AlgorithmIdentifier signatureAlgorithm(String name) {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(name);
    }

    private static AlgorithmIdentifier digestAlgorithm(String signatureName) {
        return new DefaultDigestAlgorithmIdentifierFinder().find(signatureAlgorithm(signatureName));
    }

    private X509v3CertificateBuilder builder(IssuanceRequest request, X500Name issuer, X500Name subject,
            AsymmetricKeyParameter publicKey) throws IOException {
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

    private static String publicKeyPem(KeyPair key) throws IOException {
        return Pem.encode("PUBLIC KEY",
                SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key.publicKey()).getEncoded(ASN1Encoding.DER));
    }

    /** PKCS#8 version 1 without the optional public key, byte for byte what OpenSSL and Python write. */
    private static String ed25519PrivateKeyPem(Ed25519PrivateKeyParameters key) throws IOException {
        byte[] seed = key.getEncoded();
        try {
            return Pem.encode("PRIVATE KEY",
                    new PrivateKeyInfo(ED25519, new DEROctetString(seed)).getEncoded(ASN1Encoding.DER));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
