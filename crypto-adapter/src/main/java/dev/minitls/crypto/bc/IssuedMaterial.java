package dev.minitls.crypto.bc;

import java.util.Optional;

/**
 * Everything the {@code certs} command writes, as PEM text: the files of the original program
 * ({@code certs/root_ca_certificate.pem}, {@code certs/server_certificate.pem}, {@code certs/root_ca.pem},
 * {@code certs/server.pem}, {@code private_certs/root_ca-key.pem}, {@code private_certs/server-key.pem}), and an
 * intermediate CA's when one was asked for. {@link #toString()} leaves the private keys out.
 *
 * @param rootCertificatePem the self-signed root CA certificate
 * @param serverCertificatePem the server certificate, signed by the intermediate CA if there is one, else the root
 * @param rootPublicKeyPem the root CA's public key (SubjectPublicKeyInfo, {@code PUBLIC KEY})
 * @param serverPublicKeyPem the server's public key (SubjectPublicKeyInfo, {@code PUBLIC KEY})
 * @param rootPrivateKeyPem the root CA's private key (unencrypted PKCS#8, {@code PRIVATE KEY})
 * @param serverPrivateKeyPem the server's private key (unencrypted PKCS#8, {@code PRIVATE KEY})
 * @param intermediate the intermediate CA, signed by the root CA, when one was asked for
 */
public record IssuedMaterial(
        String rootCertificatePem,
        String serverCertificatePem,
        String rootPublicKeyPem,
        String serverPublicKeyPem,
        String rootPrivateKeyPem,
        String serverPrivateKeyPem,
        Optional<Authority> intermediate) {

    /**
     * A CA's three PEM texts.
     *
     * @param certificatePem its certificate
     * @param publicKeyPem its public key (SubjectPublicKeyInfo, {@code PUBLIC KEY})
     * @param privateKeyPem its private key (unencrypted PKCS#8, {@code PRIVATE KEY})
     */
    public record Authority(String certificatePem, String publicKeyPem, String privateKeyPem) {

        @Override
        public String toString() {
            return "Authority[certificate, public key; private key not shown]";
        }
    }

    /**
     * What a server sends and its certificate file holds: the server certificate, then the intermediate CA's
     * certificate when there is one (the order of RFC 8446 section 4.4.2).
     */
    public String serverChainPem() {
        return serverCertificatePem + intermediate.map(Authority::certificatePem).orElse("");
    }

    @Override
    public String toString() {
        return "IssuedMaterial[root certificate, server certificate, two public keys"
                + intermediate.map(authority -> ", an intermediate CA").orElse("") + "; private keys not shown]";
    }
}
