package dev.minitls.crypto.bc;

import dev.minitls.crypto.keys.KeyInfo;
import dev.minitls.crypto.pkcs8.Ed25519Pkcs8;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The crypto port on Bouncy Castle's lightweight API (no JCA provider is registered or used).
 *
 * <p>Thread-safe, and so are the {@link SigningKey} and {@link Aead} objects it returns; its only state is a small
 * cache of decoded Ed25519 public keys. A {@link HashContext} belongs to one thread.
 */
public final class BcCryptoProvider implements CryptoProvider {

    private final Ed25519PublicPoints publicPoints = new Ed25519PublicPoints();

    @Override
    public String name() {
        return "bc";
    }

    @Override
    public HashContext hash(HashAlgorithm algorithm) {
        return new BcHash(digest(algorithm));
    }

    @Override
    public byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[] data) {
        HMac mac = new HMac(digest(algorithm));
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
        return new HKDFBytesGenerator(digest(algorithm)).extractPRK(salt.length == 0 ? null : salt, ikm);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
        if (length < 0 || length > algorithm.maxHkdfLength()) {
            throw new CryptoException(CryptoException.Kind.INVALID_ARGUMENT,
                    "HKDF-Expand length must be 0 to " + algorithm.maxHkdfLength() + ", got " + length);
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(digest(algorithm));
        hkdf.init(HKDFParameters.skipExtractParameters(prk, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    private static Digest digest(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
        };
    }

    @Override
    public byte[] x25519PublicKey(byte[] privateKey) {
        requireKeyLength("X25519 private key", privateKey, X25519.SCALAR_SIZE);
        byte[] publicKey = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(privateKey, 0, publicKey, 0);
        return publicKey;
    }

    @Override
    public byte[] x25519(byte[] privateKey, byte[] peerPublicKey) {
        requireKeyLength("X25519 private key", privateKey, X25519.SCALAR_SIZE);
        requireKeyLength("X25519 peer public key", peerPublicKey, X25519.POINT_SIZE);
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0)) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    "X25519 shared secret is all zero (the peer sent a low-order public key)");
        }
        return shared;
    }

    @Override
    public byte[] keyShare(KeyExchangeGroup group, byte[] privateKey) {
        return switch (group) {
            case X25519 -> x25519PublicKey(privateKey);
            case SECP256R1 -> BcP256.keyShare(privateKey);
        };
    }

    @Override
    public byte[] agree(KeyExchangeGroup group, byte[] privateKey, byte[] peerKeyShare) {
        return switch (group) {
            case X25519 -> x25519(privateKey, peerKeyShare);
            case SECP256R1 -> BcP256.agree(privateKey, peerKeyShare);
        };
    }

    @Override
    public boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature) {
        return switch (algorithm) {
            case ED25519 -> ed25519Verify(publicKey, message, signature);
            case ECDSA_SECP256R1_SHA256 -> KeyInfo.ecPublicKey(publicKey)
                    .map(key -> BcP256.verify(key, message, signature)).orElse(false);
            default -> KeyInfo.rsaPublicKey(publicKey)
                    .map(key -> BcRsa.verify(algorithm, key, message, signature)).orElse(false);
        };
    }

    @Override
    public SigningKey ed25519SigningKey(byte[] privateKey) {
        requireKeyLength("Ed25519 private key", privateKey, Ed25519.SECRET_KEY_SIZE);
        return new BcEd25519SigningKey(privateKey);
    }

    @Override
    public SigningKey signingKey(byte[] pkcs8) {
        KeyInfo.PrivateKey key = KeyInfo.privateKey(pkcs8);
        if (key instanceof KeyInfo.EcPrivateKey ec) {
            return BcP256.signingKey(ec);
        } else if (key instanceof KeyInfo.RsaPrivateKey rsa) {
            return BcRsa.signingKey(rsa);
        }
        return Ed25519Pkcs8.signingKey(pkcs8, this::ed25519SigningKey);
    }

    @Override
    public boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return publicPoints.of(publicKey)
                .map(point -> Ed25519.verify(signature, 0, point, message, 0, message.length))
                .orElse(false);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        requireKeyLength(algorithm + " key", key, algorithm.keyLength());
        return new BcAead(algorithm, key);
    }

    @Override
    public Certificate parseCertificate(byte[] der) {
        return BcCertificates.parse(der);
    }

    private static void requireKeyLength(String what, byte[] key, int length) {
        if (key.length != length) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    what + " must be " + length + " bytes, got " + key.length);
        }
    }
}
