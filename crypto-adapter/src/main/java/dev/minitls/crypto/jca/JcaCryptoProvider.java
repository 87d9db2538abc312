package dev.minitls.crypto.jca;

import dev.minitls.crypto.VerifiedCertificates;
import dev.minitls.crypto.keys.KeyInfo;
import dev.minitls.crypto.pkcs8.Ed25519Pkcs8;
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
 * The crypto port implemented with the JDK alone (JCA, JDK 17): SHA-2, HMAC, X25519, Ed25519, AES-GCM,
 * ChaCha20-Poly1305, ECDH and ECDSA on P-256, RSA and X.509
 * come from the JDK's providers; HKDF, which JDK 17 lacks, is RFC 5869 over the JDK's
 * HMAC.
 *
 * <p>Thread-safe; its only state is the certificates it parsed lately ({@link ParsedCertificates}) and the
 * certificate signatures it verified lately ({@link VerifiedCertificates}), as the JDK keeps both. Errors caused by
 * the input are {@link dev.minitls.domain.port.CryptoException}s, whatever the JDK threw; an
 * {@link IllegalStateException} means the runtime lacks an algorithm every JDK 17 has.
 */
public final class JcaCryptoProvider implements CryptoProvider {

    private final ParsedCertificates certificates = new ParsedCertificates(X509Parser::parse);
    private final VerifiedCertificates verifiedCertificates = new VerifiedCertificates(this::verify);

    @Override
    public String name() {
        return "jca";
    }

    @Override
    public HashContext hash(HashAlgorithm algorithm) {
        return new JcaHash(algorithm);
    }

    @Override
    public byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[] data) {
        return Hmac.keyed(algorithm, key).doFinal(data);
    }

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
        return Hkdf.extract(algorithm, salt, ikm);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
        return Hkdf.expand(algorithm, prk, info, length);
    }

    @Override
    public byte[] x25519PublicKey(byte[] privateKey) {
        return X25519.publicKey(privateKey);
    }

    @Override
    public byte[] x25519(byte[] privateKey, byte[] peerPublicKey) {
        return X25519.agree(privateKey, peerPublicKey);
    }

    @Override
    public byte[] keyShare(KeyExchangeGroup group, byte[] privateKey) {
        return switch (group) {
            case X25519 -> x25519PublicKey(privateKey);
            case SECP256R1 -> JcaP256.keyShare(privateKey);
        };
    }

    @Override
    public byte[] agree(KeyExchangeGroup group, byte[] privateKey, byte[] peerKeyShare) {
        return switch (group) {
            case X25519 -> x25519(privateKey, peerKeyShare);
            case SECP256R1 -> JcaP256.agree(privateKey, peerKeyShare);
        };
    }

    @Override
    public boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature) {
        return switch (algorithm) {
            case ED25519 -> ed25519Verify(publicKey, message, signature);
            case ECDSA_SECP256R1_SHA256 -> KeyInfo.ecPublicKey(publicKey)
                    .map(key -> JcaP256.verify(key, message, signature)).orElse(false);
            default -> KeyInfo.rsaPublicKey(publicKey)
                    .map(key -> JcaRsa.verify(algorithm, key, message, signature)).orElse(false);
        };
    }

    /** As the JDK does: a certificate signature that verified is remembered ({@link VerifiedCertificates}). */
    @Override
    public boolean verifyCertificate(SignatureAlgorithm algorithm, byte[] issuerPublicKey, Certificate certificate) {
        return verifiedCertificates.verify(algorithm, issuerPublicKey, certificate);
    }

    @Override
    public SigningKey ed25519SigningKey(byte[] privateKey) {
        return Ed25519.signingKey(privateKey);
    }

    @Override
    public SigningKey signingKey(byte[] pkcs8) {
        KeyInfo.PrivateKey key = KeyInfo.privateKey(pkcs8);
        if (key instanceof KeyInfo.EcPrivateKey ec) {
            return JcaP256.signingKey(ec);
        } else if (key instanceof KeyInfo.RsaPrivateKey rsa) {
            return JcaRsa.signingKey(rsa);
        }
        return Ed25519Pkcs8.signingKey(pkcs8, this::ed25519SigningKey);
    }

    @Override
    public boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature) {
        return Ed25519.verify(publicKey, message, signature);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        return new JcaAead(algorithm, key);
    }

    @Override
    public Certificate parseCertificate(byte[] der) {
        return certificates.parse(der);
    }
}
