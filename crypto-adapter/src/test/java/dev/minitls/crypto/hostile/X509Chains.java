package dev.minitls.crypto.hostile;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real certificate chains for the path-validation tests, made with Bouncy Castle: Ed25519, ECDSA P-256 and RSA
 * (PKCS#1 v1.5 or PSS) CAs and servers, each certificate changed one thing at a time.
 */
final class X509Chains {

    static final Instant NOW = X509Certificates.NOW;
    static final String SERVER_NAME = X509Certificates.SERVER_NAME;

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(5000);

    private X509Chains() {
    }

    /** The kinds of key, with the signature algorithm a CA of that kind signs with. */
    enum KeyType {
        ED25519("Ed25519"),
        ECDSA_P256("SHA256withECDSA"),
        RSA_PKCS1("SHA256withRSA"),
        RSA_PSS("SHA256withRSAandMGF1");

        private final String signatureAlgorithm;

        KeyType(String signatureAlgorithm) {
            this.signatureAlgorithm = signatureAlgorithm;
        }

        KeyPair generate() {
            return this == ED25519 ? X509Chains.generate("Ed25519", null, 0)
                    : this == ECDSA_P256 ? X509Chains.generate("EC", new ECGenParameterSpec("secp256r1"), 0)
                    : rsa(2048);
        }
    }

    static KeyPair rsa(int bits) {
        return generate("RSA", null, bits);
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec curve, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, BC);
            if (curve != null) {
                generator.initialize(curve);
            } else if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One certificate: by default a CA valid around {@link #NOW}, self-signed until {@link #issuedBy}. */
    static final class Cert {
        private final X500Name subject;
        private final KeyPair key;
        private X500Name issuer;
        private KeyPair issuerKey;
        private String signatureAlgorithm;
        private PSSParameterSpec pss;
        private Instant notBefore = NOW.minusSeconds(86_400);
        private Instant notAfter = NOW.plusSeconds(86_400);
        private boolean ca = true;
        private Integer pathLen;
        private Integer keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
        private String dnsName;

        private Cert(String name, KeyPair key, KeyType type) {
            this.subject = new X500Name("CN=" + name);
            this.key = key;
            this.issuer = subject;
            this.issuerKey = key;
            this.signatureAlgorithm = type.signatureAlgorithm;
        }

        /** A CA named {@code name} with {@code key} of {@code type}. */
        static Cert ca(String name, KeyPair key, KeyType type) {
            return new Cert(name, key, type);
        }

        /** A server certificate for {@link #SERVER_NAME}. */
        static Cert server(KeyPair key, KeyType type) {
            Cert server = new Cert(SERVER_NAME, key, type);
            server.ca = false;
            server.keyUsage = KeyUsage.digitalSignature;
            server.dnsName = SERVER_NAME;
            return server;
        }

        /** Issued by {@code issuer} with its key, signed with the signature algorithm of {@code type}. */
        Cert issuedBy(Cert issuer, KeyType type) {
            this.issuer = issuer.subject;
            this.issuerKey = issuer.key;
            this.signatureAlgorithm = type.signatureAlgorithm;
            return this;
        }

        /** Signed by {@code key} while naming {@code issuer}: a forgery. */
        Cert signedBy(KeyPair otherKey) {
            this.issuerKey = otherKey;
            return this;
        }

        /** RSASSA-PSS with SHA-256 and MGF1-SHA-256, with this salt length. */
        Cert pssSalt(int saltLength) {
            this.signatureAlgorithm = "RSASSA-PSS";
            this.pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1);
            return this;
        }

        Cert validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        Cert notCa() {
            this.ca = false;
            return this;
        }

        Cert pathLen(int maxIntermediates) {
            this.pathLen = maxIntermediates;
            return this;
        }

        Cert keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        byte[] der() {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
            try {
                builder.addExtension(Extension.basicConstraints, true,
                        ca && pathLen != null ? new BasicConstraints(pathLen) : new BasicConstraints(ca));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                if (dnsName != null) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
                }
                JcaContentSignerBuilder signer = pss == null ? new JcaContentSignerBuilder(signatureAlgorithm)
                        : new JcaContentSignerBuilder(signatureAlgorithm, pss);
                return builder.build(signer.setProvider(BC).build(issuerKey.getPrivate())).getEncoded();
            } catch (IOException | OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
