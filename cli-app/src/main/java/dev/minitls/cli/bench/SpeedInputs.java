package dev.minitls.cli.bench;

import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The inputs {@code speed} feeds the primitives, made once before any timing. */
final class SpeedInputs {

    /** The length of a v2 CertificateVerify's signed content: 64 spaces, the context string, 0, a hash. */
    private static final int SIGNED_CONTENT_LENGTH = 133;
    private static final int PRIVATE_KEYS = 64;
    /**
     * More certificates than a provider keeps parsed (64) or the JDK's certificate factory does (750): each parse
     * meets a certificate it has not seen lately.
     */
    private static final int CERTIFICATES = 4096;

    private final RandomSource random = new SecureRandomSource();
    private final byte[][] privateKeys = new byte[PRIVATE_KEYS][];
    private final byte[] signingSeed = random.nextBytes(32);
    private final byte[] signedContent = random.nextBytes(SIGNED_CONTENT_LENGTH);
    private final String certificatePem;
    private byte[][] certificatePems;
    private byte[] rsaPkcs8;

    SpeedInputs(String certificatePem) {
        for (int i = 0; i < PRIVATE_KEYS; i++) {
            privateKeys[i] = random.nextBytes(32);
        }
        this.certificatePem = certificatePem;
    }

    /**
     * One of a few P-256 private keys, chosen by {@code index} in turn: the X25519 keys with the top bit cleared,
     * so that each is below the group order n (all but never zero).
     */
    byte[] p256PrivateKey(int index) {
        byte[] key = privateKey(index).clone();
        key[0] &= 0x7f;
        return key;
    }

    /** A P-256 signing key in PKCS#8 (RFC 5915's ECPrivateKey without its optional fields). */
    byte[] p256Pkcs8() {
        byte[] prefix = HexFormat.of()
                .parseHex("3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420");
        byte[] pkcs8 = Arrays.copyOf(prefix, prefix.length + 32);
        System.arraycopy(p256PrivateKey(0), 0, pkcs8, prefix.length, 32);
        return pkcs8;
    }

    /** An RSA-2048 signing key in PKCS#8, made by the JDK the first time it is asked for (it takes a moment). */
    synchronized byte[] rsaPkcs8() {
        if (rsaPkcs8 == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                rsaPkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK makes no RSA keys", e);
            }
        }
        return rsaPkcs8;
    }

    /** One of a few X25519 private keys, chosen by {@code index} in turn. */
    byte[] privateKey(int index) {
        return privateKeys[Math.floorMod(index, PRIVATE_KEYS)];
    }

    byte[] signingSeed() {
        return signingSeed;
    }

    byte[] signedContent() {
        return signedContent;
    }

    /**
     * The server certificate (PEM), as one of {@value #CERTIFICATES} chosen by {@code index} in turn that differ in
     * their signature's last bytes, which parsing does not check; made the first time one is asked for.
     */
    synchronized byte[] certificatePem(int index) {
        if (certificatePems == null) {
            byte[] der = Pem.decode(Pem.CERTIFICATE, certificatePem.getBytes(StandardCharsets.US_ASCII));
            certificatePems = new byte[CERTIFICATES][];
            for (int i = 0; i < CERTIFICATES; i++) {
                byte[] variant = der.clone();
                for (int b = 0; b < Integer.BYTES; b++) {
                    variant[variant.length - 1 - b] = (byte) (i >>> 8 * b);
                }
                certificatePems[i] = Pem.encode(Pem.CERTIFICATE, variant).getBytes(StandardCharsets.US_ASCII);
            }
        }
        return certificatePems[Math.floorMod(index, CERTIFICATES)];
    }

    /** {@code length} fresh random bytes. */
    byte[] bytes(int length) {
        return random.nextBytes(length);
    }

    /** The nonce of record {@code sequence} under a zero IV: the sequence number, big-endian, at the end. */
    byte[] nonce(long sequence) {
        byte[] nonce = new byte[Aead.NONCE_LENGTH];
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[nonce.length - 1 - i] = (byte) (sequence >>> (8 * i));
        }
        return nonce;
    }
}
