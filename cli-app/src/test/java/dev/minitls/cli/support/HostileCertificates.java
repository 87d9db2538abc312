package dev.minitls.cli.support;

import dev.minitls.crypto.pem.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/** Certificates whose names hold whatever a test needs, control characters included, for injection tests. */
public final class HostileCertificates {

    private HostileCertificates() {
    }

    /**
     * An X.509 certificate for {@code publicKey} with these names, as PEM. Its signature is zeros: the client refuses
     * it by its issuer's name before it would check the signature.
     */
    public static byte[] certificate(String issuer, String subject, byte[] publicKey) {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name(issuer), BigInteger.ONE,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name(subject),
                new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), publicKey));
        ContentSigner zeros = new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
            }

            @Override
            public OutputStream getOutputStream() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public byte[] getSignature() {
                return new byte[64];
            }
        };
        try {
            return Pem.encode("CERTIFICATE", builder.build(zeros).getEncoded()).getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName.substring("CN=".length()))
                .build();
    }
}
