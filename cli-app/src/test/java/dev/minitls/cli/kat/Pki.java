package dev.minitls.cli.kat;

/**
 * The certificates and key of a known-answer session, as PEM text.
 *
 * @param rootCertificatePem the self-signed Root CA certificate the client trusts
 * @param serverCertificatePem the server certificate the server sends
 * @param serverPrivateKeyPem the server certificate's Ed25519 key (PKCS#8); test material, public on purpose
 */
record Pki(String rootCertificatePem, String serverCertificatePem, String serverPrivateKeyPem) {

    @Override
    public String toString() {
        return "Pki[root and server certificates; server key not shown]";
    }
}
