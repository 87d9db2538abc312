package dev.minitls.crypto.hostile;

import dev.minitls.domain.pem.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed448KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcEdECContentSignerBuilder;

/**
 * Real X.509 certificates made with Bouncy Castle for the refusal tests: a root CA and server certificates that
 * change one thing at a time (issuer, key, validity, name, CA flag, algorithms).
 */
final class X509Certificates {

    static final String SERVER_NAME = "example-server";
    static final X500Name ROOT_NAME = new X500Name("CN=minitls test root");
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    static final Ed25519PrivateKeyParameters ROOT_KEY = ed25519(0x11);
    static final Ed25519PrivateKeyParameters SERVER_KEY = ed25519(0x22);
    static final SubjectPublicKeyInfo SERVER_SPKI = spki(SERVER_KEY.generatePublicKey());
    /** The trusted root CA. */
    static final byte[] ROOT = Builder.root(ROOT_NAME, ROOT_KEY).pem();
    /** A server certificate that passes every check. */
    static final byte[] GOOD_SERVER = new Builder(SERVER_SPKI, signer(ROOT_KEY)).pem();

    private X509Certificates() {
    }

    /** An Ed25519 key from a 32-byte seed filled with {@code fill}. */
    static Ed25519PrivateKeyParameters ed25519(int fill) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) fill);
        return new Ed25519PrivateKeyParameters(seed);
    }

    static SubjectPublicKeyInfo spki(AsymmetricKeyParameter publicKey) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SubjectPublicKeyInfo rsaKey() {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), RANDOM, 2048, 80));
        return spki(generator.generateKeyPair().getPublic());
    }

    static AsymmetricCipherKeyPair p256() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        // Named, as certificates carry it: the JDK parses no key with explicit curve parameters.
        generator.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1,
                CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1)), RANDOM));
        return generator.generateKeyPair();
    }

    static SubjectPublicKeyInfo ed448Key() {
        Ed448KeyPairGenerator generator = new Ed448KeyPairGenerator();
        generator.init(new Ed448KeyGenerationParameters(RANDOM));
        return spki(generator.generateKeyPair().getPublic());
    }

    static ContentSigner signer(Ed25519PrivateKeyParameters key) {
        try {
            return new BcEdECContentSignerBuilder(ED25519).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static ContentSigner ecdsaSigner(AsymmetricCipherKeyPair pair) {
        AlgorithmIdentifier sha256WithEcdsa = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        try {
            return new BcECContentSignerBuilder(sha256WithEcdsa,
                    new DefaultDigestAlgorithmIdentifierFinder().find(sha256WithEcdsa)).build(pair.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One certificate, as PEM. */
    static final class Builder {
        private X500Name subject = new X500Name("CN=" + SERVER_NAME);
        private String dnsName = SERVER_NAME;
        private SubjectPublicKeyInfo key;
        private X500Name issuer = ROOT_NAME;
        private ContentSigner signer;
        private Instant notBefore = NOW.minusSeconds(86_400);
        private Instant notAfter = NOW.plusSeconds(86_400);
        private Boolean ca = false;
        private boolean noExtensions;
        private final List<Extension> extraExtensions = new ArrayList<>();

        Builder(SubjectPublicKeyInfo key, ContentSigner signer) {
            this.key = key;
            this.signer = signer;
        }

        /** A self-signed root CA named {@code name}. */
        static Builder root(X500Name name, Ed25519PrivateKeyParameters key) {
            Builder root = new Builder(spki(key.generatePublicKey()), signer(key));
            root.subject = name;
            root.issuer = name;
            root.dnsName = null;
            root.ca = true;
            return root;
        }

        Builder named(String name) {
            subject = new X500Name("CN=" + name);
            dnsName = name;
            return this;
        }

        Builder issuedBy(X500Name name) {
            issuer = name;
            return this;
        }

        Builder validity(Instant from, Instant until) {
            notBefore = from;
            notAfter = until;
            return this;
        }

        Builder ca(boolean isCa) {
            ca = isCa;
            return this;
        }

        /** The name in the subject's CN only, no subjectAltName (BasicConstraints stays). */
        Builder noSubjectAltName() {
            dnsName = null;
            return this;
        }

        /** An X.509 v3 certificate without any extension, like the seed's: the name only in the CN. */
        Builder noExtensions() {
            noExtensions = true;
            return this;
        }

        /** One more extension, after BasicConstraints and subjectAltName. */
        Builder extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
            try {
                extraExtensions.add(new Extension(oid, critical, value.toASN1Primitive().getEncoded()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        byte[] pem() {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    key);
            try {
                if (!noExtensions) {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                    if (dnsName != null) {
                        builder.addExtension(Extension.subjectAlternativeName, false,
                                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
                    }
                    for (Extension extension : extraExtensions) {
                        builder.addExtension(extension);
                    }
                }
                return Pem.encode("CERTIFICATE", builder.build(signer).getEncoded())
                        .getBytes(StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
