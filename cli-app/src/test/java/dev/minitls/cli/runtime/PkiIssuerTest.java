package dev.minitls.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.crypto.bc.IssuedMaterial;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Every root {@code minitls certs} issues has a name of its own, so that a client trusting one root tells the
 * certificates of another by their issuer's name ({@code unknown_ca}); the server certificate keeps the name asked
 * for.
 */
class PkiIssuerTest {

    @Test
    void eachRootHasANameOfItsOwnAndIssuesTheServerCertificate() throws CertificateException {
        IssuedMaterial first = PkiIssuer.issue("example-server", 1, Clock.systemUTC());
        IssuedMaterial second = PkiIssuer.issue("example-server", 1, Clock.systemUTC());

        String firstRoot = subject(first.rootCertificatePem());
        String secondRoot = subject(second.rootCertificatePem());
        assertThat(firstRoot).matches("CN=minitls Root CA [0-9a-f]{16}");
        assertThat(secondRoot).matches("CN=minitls Root CA [0-9a-f]{16}").isNotEqualTo(firstRoot);
        assertThat(subject(first.serverCertificatePem())).isEqualTo("CN=example-server");
        assertThat(x509(first.serverCertificatePem()).getIssuerX500Principal().getName()).isEqualTo(firstRoot);
        assertThat(x509(first.rootCertificatePem()).getIssuerX500Principal().getName()).isEqualTo(firstRoot);
    }

    private static String subject(String pem) throws CertificateException {
        return x509(pem).getSubjectX500Principal().getName();
    }

    private static X509Certificate x509(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
