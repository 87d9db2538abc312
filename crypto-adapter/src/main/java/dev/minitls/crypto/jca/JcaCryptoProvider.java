package dev.minitls.crypto.jca;

import dev.minitls.crypto.pkcs8.Ed25519Pkcs8;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.SigningKey;

/**
 * The crypto port implemented with the JDK alone (JCA, JDK 17): SHA-2, HMAC, X25519, Ed25519, AES-GCM,
 * ChaCha20-Poly1305 and X.509 come from the JDK's providers; HKDF, which JDK 17 lacks, is RFC 5869 over the JDK's
 * HMAC.
 *
 * <p>Stateless and thread-safe. Errors caused by the input are {@link dev.minitls.domain.port.CryptoException}s,
 * whatever the JDK threw; an {@link IllegalStateException} means the runtime lacks an algorithm every JDK 17 has.
 */
public final class JcaCryptoProvider implements CryptoProvider {

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
    public SigningKey ed25519SigningKey(byte[] privateKey) {
        return Ed25519.signingKey(privateKey);
    }

    @Override
    public SigningKey signingKey(byte[] pkcs8) {
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
        return X509Parser.parse(der);
    }
}
