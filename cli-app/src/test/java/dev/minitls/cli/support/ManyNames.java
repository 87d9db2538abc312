package dev.minitls.cli.support;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.domain.pem.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcEdECContentSignerBuilder;

/**
 * A server certificate with many subjectAltNames: the one issued for a PKI, same subject, key and validity, signed
 * by the same root, whose first name is the original one and the others long made-up names.
 */
public final class ManyNames {

    private ManyNames() {
    }

    /** {@code pki} with its server certificate replaced by one carrying {@code count} DNS names. */
    public static IssuedMaterial withNames(IssuedMaterial pki, String serverName, int count) {
        try {
            X509CertificateHolder root = certificate(pki.rootCertificatePem());
            X509CertificateHolder server = certificate(pki.serverCertificatePem());
            GeneralName[] names = IntStream.range(0, count)
                    .mapToObj(i -> new GeneralName(GeneralName.dNSName,
                            i == 0 ? serverName : "name-" + i + ".of-a-server-with-many-names.example"))
                    .toArray(GeneralName[]::new);
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(root.getSubject(), server.getSerialNumber(),
                    server.getNotBefore(), server.getNotAfter(), server.getSubject(), server.getSubjectPublicKeyInfo());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            Ed25519PrivateKeyParameters rootKey = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(
                    Pem.decode("PRIVATE KEY", pki.rootPrivateKeyPem().getBytes(US_ASCII)));
            String pem = Pem.encode("CERTIFICATE", builder.build(new BcEdECContentSignerBuilder(
                    new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519)).build(rootKey)).getEncoded());
            return new IssuedMaterial(pki.rootCertificatePem(), pem, pki.rootPublicKeyPem(), pki.serverPublicKeyPem(),
                    pki.rootPrivateKeyPem(), pki.serverPrivateKeyPem(), pki.intermediate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509CertificateHolder certificate(String pem) throws IOException {
        return new X509CertificateHolder(Pem.decode("CERTIFICATE", pem.getBytes(US_ASCII)));
    }
}
