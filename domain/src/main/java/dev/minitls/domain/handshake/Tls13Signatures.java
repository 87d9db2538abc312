package dev.minitls.domain.handshake;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.CertificateAlgorithms;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.tls13.SignatureScheme;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The signature schemes of a TLS 1.3 CertificateVerify (RFC 8446 section 4.2.3, 4.4.3): which ones minitls offers,
 * which one a server's key signs with, and which one a server's certificate allows. rsa_pkcs1_sha256 is for
 * certificates only (signature_algorithms_cert), never a CertificateVerify; the rsa_pss_pss schemes are not
 * implemented and so never offered.
 */
final class Tls13Signatures {

    /** The client's signature_algorithms, in its order of preference: what it verifies in a CertificateVerify. */
    static final List<SignatureScheme> OFFERED = List.of(SignatureScheme.ED25519,
            SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512);
    /**
     * The client's signature_algorithms_cert: the same plus rsa_pkcs1_sha256, with which most RSA certificates are
     * signed. Sent because it differs from signature_algorithms, which would otherwise apply to certificates too.
     */
    static final List<SignatureScheme> OFFERED_FOR_CERTIFICATES = Stream.concat(OFFERED.stream(),
            Stream.of(SignatureScheme.RSA_PKCS1_SHA256)).toList();

    /**
     * For each scheme a CertificateVerify may carry: the crypto port's algorithm, and the certificate key algorithm
     * ({@link Certificate#keyAlgorithm()}) it signs with.
     */
    private static final Map<SignatureScheme, Use> SCHEMES = Map.of(
            SignatureScheme.ED25519, new Use(SignatureAlgorithm.ED25519, Certificate.ED25519),
            SignatureScheme.ECDSA_SECP256R1_SHA256,
            new Use(SignatureAlgorithm.ECDSA_SECP256R1_SHA256, CertificateAlgorithms.EC_P256),
            SignatureScheme.RSA_PSS_RSAE_SHA256,
            new Use(SignatureAlgorithm.RSA_PSS_RSAE_SHA256, CertificateAlgorithms.RSA),
            SignatureScheme.RSA_PSS_RSAE_SHA384,
            new Use(SignatureAlgorithm.RSA_PSS_RSAE_SHA384, CertificateAlgorithms.RSA),
            SignatureScheme.RSA_PSS_RSAE_SHA512,
            new Use(SignatureAlgorithm.RSA_PSS_RSAE_SHA512, CertificateAlgorithms.RSA));

    /** What a scheme means here: the port's algorithm, and the kind of certificate key it signs with. */
    private record Use(SignatureAlgorithm algorithm, String keyAlgorithm) {
    }

    private Tls13Signatures() {
    }

    /** The scheme and the port's algorithm for it. */
    record Chosen(SignatureScheme scheme, SignatureAlgorithm algorithm) {
    }

    /**
     * The server's choice: the first of the client's schemes, in the client's order, that {@code key} signs with.
     *
     * @throws ProtocolException {@code NO_SHARED_PARAMETERS} ({@code handshake_failure}) when there is none
     */
    static Chosen choose(List<SignatureScheme> offered, SigningKey key) {
        return offered.stream().filter(SCHEMES::containsKey)
                .map(scheme -> new Chosen(scheme, SCHEMES.get(scheme).algorithm()))
                .filter(chosen -> key.algorithms().contains(chosen.algorithm())).findFirst()
                .orElseThrow(() -> new ProtocolException(Failure.NO_SHARED_PARAMETERS, "the client takes "
                        + offered + " signatures; this server's key makes only " + key.algorithms()));
    }

    /**
     * The client's check of the server's scheme: one it offered, for the kind of key the certificate holds.
     *
     * @throws ProtocolException {@code ILLEGAL_PARAMETER} otherwise
     */
    static Chosen accept(SignatureScheme scheme, Certificate server) {
        if (!OFFERED.contains(scheme)) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                    "a CertificateVerify with " + scheme + ", which was not offered (" + OFFERED + ")");
        }
        if (!SCHEMES.get(scheme).keyAlgorithm().equals(server.keyAlgorithm())) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER, "a CertificateVerify with " + scheme
                    + " from a certificate whose key is " + PeerText.quote(server.keyAlgorithm()));
        }
        return new Chosen(scheme, SCHEMES.get(scheme).algorithm());
    }
}
