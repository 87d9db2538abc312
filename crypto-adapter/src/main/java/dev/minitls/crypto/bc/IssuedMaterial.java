package dev.minitls.crypto.bc;

/**
 * Everything the {@code certs} command writes, as PEM text: the files of the original program
 * ({@code certs/root_ca_certificate.pem}, {@code certs/server_certificate.pem}, {@code certs/root_ca.pem},
 * {@code certs/server.pem}, {@code private_certs/root_ca-key.pem}, {@code private_certs/server-key.pem}).
 * {@link #toString()} leaves the private keys out.
 *
 * @param rootCertificatePem the self-signed root CA certificate
 * @param serverCertificatePem the server certificate, signed by the root CA
 * @param rootPublicKeyPem the root CA's public key (SubjectPublicKeyInfo, {@code PUBLIC KEY})
 * @param serverPublicKeyPem the server's public key (SubjectPublicKeyInfo, {@code PUBLIC KEY})
 * @param rootPrivateKeyPem the root CA's private key (unencrypted PKCS#8, {@code PRIVATE KEY})
 * @param serverPrivateKeyPem the server's private key (unencrypted PKCS#8, {@code PRIVATE KEY})
 */
public record IssuedMaterial(
        String rootCertificatePem,
        String serverCertificatePem,
        String rootPublicKeyPem,
        String serverPublicKeyPem,
        String rootPrivateKeyPem,
        String serverPrivateKeyPem) {

    @Override
    public String toString() {
        return "IssuedMaterial[root certificate, server certificate, two public keys; private keys not shown]";
    }
}
