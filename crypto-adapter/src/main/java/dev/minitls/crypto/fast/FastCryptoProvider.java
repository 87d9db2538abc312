package dev.minitls.crypto.fast;

import dev.minitls.crypto.VerifiedCertificates;
import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.crypto.jca.JcaCryptoProvider;
import dev.minitls.crypto.keys.KeyInfo;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;

/**
 * The crypto port with each primitive taken from whichever library does it fastest, as {@code minitls speed}
 * measures on a JDK 17 with AES-NI and SHA extensions: the curve arithmetic (X25519, Ed25519) from Bouncy Castle,
 * about 4 times (X25519) and 10 to 20 times (Ed25519) faster than the JDK's SunEC; AES-GCM, SHA-256, HMAC, HKDF and
 * X.509 parsing from the JDK, whose AES-GCM and SHA-256 run on the CPU's instructions (about 25 times faster than
 * Bouncy Castle's pure-Java AES-GCM at 16 KiB); its certificate parsing is about as fast as Bouncy Castle's for a
 * certificate not seen before, and the JCA provider keeps the certificates it parsed lately, so that a client that
 * meets the same server again only looks its certificate up; like the JDK, this provider also remembers the
 * certificate signatures that verified ({@link VerifiedCertificates}), so that such a client verifies only the
 * server's CertificateVerify again. SHA-384 (and
 * its HMAC and HKDF) and ChaCha20-Poly1305, which TLS 1.3's other cipher suites need, come from the JDK as well,
 * by the same reasoning but not yet measured ({@code minitls speed} does not time them). ECDH and ECDSA on P-256
 * come from Bouncy Castle (its constant-time custom P-256 field, and one scalar multiplication for a key share where
 * the JDK needs two ECDH operations), RSA from the JDK (whose big-integer arithmetic has intrinsics); both by that
 * reasoning, not yet measured either.
 *
 * <p>Nothing is weaker for it: each primitive is one of the two providers' own, unchanged, and this provider is
 * held to the same contract test as they are. The JDK's AES-GCM also checks the tag before it releases any
 * plaintext, and its AES-NI path has no key-dependent table lookups. Thread-safe, like both.
 */
public final class FastCryptoProvider implements CryptoProvider {

    private final CryptoProvider curves = new BcCryptoProvider();
    private final CryptoProvider jdk = new JcaCryptoProvider();
    private final VerifiedCertificates verifiedCertificates = new VerifiedCertificates(this::verify);

    @Override
    public String name() {
        return "fast";
    }

    @Override
    public HashContext hash(HashAlgorithm algorithm) {
        return jdk.hash(algorithm);
    }

    @Override
    public byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[] data) {
        return jdk.hmac(algorithm, key, data);
    }

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
        return jdk.hkdfExtract(algorithm, salt, ikm);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
        return jdk.hkdfExpand(algorithm, prk, info, length);
    }

    @Override
    public byte[] x25519PublicKey(byte[] privateKey) {
        return curves.x25519PublicKey(privateKey);
    }

    @Override
    public byte[] x25519(byte[] privateKey, byte[] peerPublicKey) {
        return curves.x25519(privateKey, peerPublicKey);
    }

    @Override
    public byte[] keyShare(KeyExchangeGroup group, byte[] privateKey) {
        return curves.keyShare(group, privateKey);
    }

    @Override
    public byte[] agree(KeyExchangeGroup group, byte[] privateKey, byte[] peerKeyShare) {
        return curves.agree(group, privateKey, peerKeyShare);
    }

    @Override
    public boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature) {
        return switch (algorithm) {
            case ED25519, ECDSA_SECP256R1_SHA256 -> curves.verify(algorithm, publicKey, message, signature);
            default -> jdk.verify(algorithm, publicKey, message, signature);
        };
    }

    /** The JDK's way (it remembers a certificate signature that verified), with this provider's verification. */
    @Override
    public boolean verifyCertificate(SignatureAlgorithm algorithm, byte[] issuerPublicKey, Certificate certificate) {
        return verifiedCertificates.verify(algorithm, issuerPublicKey, certificate);
    }

    @Override
    public SigningKey ed25519SigningKey(byte[] privateKey) {
        return curves.ed25519SigningKey(privateKey);
    }

    @Override
    public SigningKey signingKey(byte[] pkcs8) {
        return KeyInfo.privateKey(pkcs8) instanceof KeyInfo.RsaPrivateKey ? jdk.signingKey(pkcs8)
                : curves.signingKey(pkcs8);
    }

    @Override
    public boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature) {
        return curves.ed25519Verify(publicKey, message, signature);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        return jdk.aead(algorithm, key);
    }

    @Override
    public Certificate parseCertificate(byte[] der) {
        return jdk.parseCertificate(der);
    }
}
