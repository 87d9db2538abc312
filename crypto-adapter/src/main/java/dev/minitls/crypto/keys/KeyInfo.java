package dev.minitls.crypto.keys;

import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.SignatureAlgorithm;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Public keys (SubjectPublicKeyInfo, RFC 5280) and private keys (PKCS#8, RFC 5958) of the ECDSA P-256 and RSA kinds,
 * read and written the same way for every provider, with plain Java, so that each library is handed numbers that
 * were already checked: a P-256 point on the curve, a scalar from 1 to n - 1, an RSA modulus of at least 2048 bits.
 * An Ed25519 PKCS#8 key is only recognised here; {@link dev.minitls.crypto.pkcs8.Ed25519Pkcs8} reads it.
 */
public final class KeyInfo {

    /** The smallest RSA modulus accepted, in bits. */
    public static final int MIN_RSA_BITS = 2048;
    /** The largest, in bits: a bound on the work one peer's key can cause. */
    public static final int MAX_RSA_BITS = 8192;
    /** The longest RSA public exponent taken (65537 has 17 bits; Go and BoringSSL stop at 32 or 33). */
    public static final int MAX_RSA_EXPONENT_BITS = 32;
    /** What an RSA key signs with, the first one first. */
    public static final List<SignatureAlgorithm> RSA_PSS = List.of(SignatureAlgorithm.RSA_PSS_RSAE_SHA256,
            SignatureAlgorithm.RSA_PSS_RSAE_SHA384, SignatureAlgorithm.RSA_PSS_RSAE_SHA512);
    private static final byte[] EC_PUBLIC_KEY = HexFormat.of().parseHex("2a8648ce3d0201");
    private static final byte[] PRIME256V1 = HexFormat.of().parseHex("2a8648ce3d030107");
    private static final byte[] RSA_ENCRYPTION = HexFormat.of().parseHex("2a864886f70d010101");
    private static final byte[] ED25519 = HexFormat.of().parseHex("2b6570");
    private static final int CONTEXT_0 = 0xa0;
    private static final int CONTEXT_1 = 0xa1;

    private KeyInfo() {
    }

    /** A public key minitls signs or verifies with, besides Ed25519. */
    public sealed interface PublicKey permits EcPublicKey, RsaPublicKey {
    }

    /** A P-256 public key: a point on the curve. */
    public record EcPublicKey(P256.Point point) implements PublicKey {
    }

    /** An RSA public key of 2048 to 8192 bits. */
    public record RsaPublicKey(BigInteger modulus, BigInteger exponent) implements PublicKey {

        /** The length of the modulus, and of every signature, in bytes. */
        public int length() {
            return (modulus.bitLength() + 7) / 8;
        }
    }

    /** What a PKCS#8 key holds. */
    public sealed interface PrivateKey permits Ed25519PrivateKey, EcPrivateKey, RsaPrivateKey {
    }

    /** An Ed25519 key, left to {@link dev.minitls.crypto.pkcs8.Ed25519Pkcs8}. */
    public record Ed25519PrivateKey() implements PrivateKey {
    }

    /** A P-256 key: the scalar and, when the encoding carries it, the public point it claims. */
    public record EcPrivateKey(BigInteger scalar, Optional<P256.Point> claimedPublicKey) implements PrivateKey {

        /**
         * Refuses the key when its encoding claims a public key other than {@code derived} (d * G, as a provider
         * computed it).
         *
         * @throws CryptoException with {@link CryptoException.Kind#MALFORMED}
         */
        public void requireClaimOf(P256.Point derived) {
            if (claimedPublicKey.isPresent() && !claimedPublicKey.get().equals(derived)) {
                throw new CryptoException(CryptoException.Kind.MALFORMED,
                        "PKCS#8: the public key is not the private key's");
            }
        }

        @Override
        public String toString() {
            return "P-256 private key (not shown)";
        }
    }

    /** An RSA key with its CRT values (RFC 8017, section 3.2). */
    public record RsaPrivateKey(BigInteger modulus, BigInteger publicExponent, BigInteger privateExponent,
            BigInteger prime1, BigInteger prime2, BigInteger exponent1, BigInteger exponent2, BigInteger coefficient)
            implements PrivateKey {

        public RsaPublicKey publicKey() {
            return new RsaPublicKey(modulus, publicExponent);
        }

        @Override
        public String toString() {
            return "RSA private key (not shown)";
        }
    }

    /**
     * The key in a SubjectPublicKeyInfo.
     *
     * @throws CryptoException with {@link CryptoException.Kind#MALFORMED} when it is not a DER-encoded P-256 or RSA
     *     key, {@link CryptoException.Kind#INVALID_KEY} for a point not on the curve or an RSA key under 2048 bits
     */
    public static PublicKey publicKey(byte[] spki) {
        Der.Reader outer = new Der.Reader(spki);
        Der.Reader info = outer.enter(Der.SEQUENCE);
        outer.end();
        Der.Reader algorithm = info.enter(Der.SEQUENCE);
        byte[] key = info.bitString();
        info.end();
        byte[] oid = algorithm.read(Der.OID);
        if (Arrays.equals(oid, EC_PUBLIC_KEY)) {
            requirePrime256v1(algorithm.read(Der.OID));
            algorithm.end();
            return new EcPublicKey(P256.point(key));
        }
        Der.require(Arrays.equals(oid, RSA_ENCRYPTION), "neither an EC nor an RSA public key");
        requireNullParameters(algorithm);
        Der.Reader rsa = new Der.Reader(key);
        Der.Reader numbers = rsa.enter(Der.SEQUENCE);
        rsa.end();
        RsaPublicKey publicKey = new RsaPublicKey(numbers.integer(), numbers.integer());
        numbers.end();
        return checked(publicKey);
    }

    /** The P-256 key in a SubjectPublicKeyInfo, or empty for anything else (for a verification to be false). */
    public static Optional<EcPublicKey> ecPublicKey(byte[] spki) {
        return usable(spki).filter(EcPublicKey.class::isInstance).map(EcPublicKey.class::cast);
    }

    /** The RSA key in a SubjectPublicKeyInfo, or empty for anything else, a key under 2048 bits included. */
    public static Optional<RsaPublicKey> rsaPublicKey(byte[] spki) {
        return usable(spki).filter(RsaPublicKey.class::isInstance).map(RsaPublicKey.class::cast);
    }

    private static Optional<PublicKey> usable(byte[] spki) {
        try {
            return Optional.of(publicKey(spki));
        } catch (CryptoException e) {
            return Optional.empty();
        }
    }

    /**
     * The key in a PKCS#8 PrivateKeyInfo: version 0 (or 1 for Ed25519), no attributes.
     *
     * @throws CryptoException with {@link CryptoException.Kind#MALFORMED} when it is not a DER-encoded Ed25519,
     *     P-256 or RSA key, {@link CryptoException.Kind#INVALID_KEY} for a scalar out of range or an RSA key under
     *     2048 bits
     */
    public static PrivateKey privateKey(byte[] pkcs8) {
        Der.Reader outer = new Der.Reader(pkcs8);
        Der.Reader info = outer.enter(Der.SEQUENCE);
        outer.end();
        BigInteger version = info.integer();
        Der.Reader algorithm = info.enter(Der.SEQUENCE);
        byte[] oid = algorithm.read(Der.OID);
        if (Arrays.equals(oid, ED25519)) {
            return new Ed25519PrivateKey();
        }
        Der.require(version.signum() == 0, "a PKCS#8 version other than 0");
        byte[] key = info.read(Der.OCTET_STRING);
        info.end();
        if (Arrays.equals(oid, EC_PUBLIC_KEY)) {
            requirePrime256v1(algorithm.read(Der.OID));
            algorithm.end();
            return ecPrivateKey(key);
        }
        Der.require(Arrays.equals(oid, RSA_ENCRYPTION), "not an Ed25519, EC or RSA private key");
        requireNullParameters(algorithm);
        return rsaPrivateKey(key);
    }

    /** RFC 5915's ECPrivateKey: version 1, the 32-byte scalar, optionally the curve and the public key. */
    private static EcPrivateKey ecPrivateKey(byte[] der) {
        Der.Reader outer = new Der.Reader(der);
        Der.Reader key = outer.enter(Der.SEQUENCE);
        outer.end();
        Der.require(key.integer().equals(BigInteger.ONE), "an ECPrivateKey version other than 1");
        byte[] scalar = key.read(Der.OCTET_STRING);
        try {
            BigInteger d = P256.scalar(scalar);
            if (key.hasMore() && key.peekTag() == CONTEXT_0) {
                Der.Reader parameters = key.enter(CONTEXT_0);
                requirePrime256v1(parameters.read(Der.OID));
                parameters.end();
            }
            Optional<P256.Point> claimed = Optional.empty();
            if (key.hasMore()) {
                Der.Reader publicKey = key.enter(CONTEXT_1);
                claimed = Optional.of(P256.point(publicKey.bitString()));
                publicKey.end();
            }
            key.end();
            return new EcPrivateKey(d, claimed);
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    /** RFC 8017's RSAPrivateKey, version 0 (two primes). */
    private static RsaPrivateKey rsaPrivateKey(byte[] der) {
        Der.Reader outer = new Der.Reader(der);
        Der.Reader key = outer.enter(Der.SEQUENCE);
        outer.end();
        Der.require(key.integer().signum() == 0, "an RSAPrivateKey version other than 0 (two primes)");
        RsaPrivateKey rsa = new RsaPrivateKey(key.integer(), key.integer(), key.integer(), key.integer(),
                key.integer(), key.integer(), key.integer(), key.integer());
        key.end();
        checked(rsa.publicKey());
        Der.require(rsa.prime1().multiply(rsa.prime2()).equals(rsa.modulus()), "an RSA key whose primes are not n's");
        return rsa;
    }

    /** The SubjectPublicKeyInfo of a P-256 point. */
    public static byte[] encode(P256.Point point) {
        return Der.element(Der.SEQUENCE,
                Der.element(Der.SEQUENCE, Der.element(Der.OID, EC_PUBLIC_KEY), Der.element(Der.OID, PRIME256V1)),
                Der.bitString(point.encoded()));
    }

    /** The SubjectPublicKeyInfo of an RSA key. */
    public static byte[] encode(RsaPublicKey key) {
        return Der.element(Der.SEQUENCE,
                Der.element(Der.SEQUENCE, Der.element(Der.OID, RSA_ENCRYPTION), Der.element(Der.NULL)),
                Der.bitString(Der.element(Der.SEQUENCE, Der.integer(key.modulus()), Der.integer(key.exponent()))));
    }

    private static RsaPublicKey checked(RsaPublicKey key) {
        int bits = key.modulus().bitLength();
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY,
                    "an RSA key must have " + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " bits, this one has " + bits);
        }
        BigInteger e = key.exponent();
        Der.require(e.testBit(0) && e.compareTo(BigInteger.ONE) > 0 && e.compareTo(key.modulus()) < 0,
                "an RSA public exponent that is not odd, above 1 and below n");
        if (e.bitLength() > MAX_RSA_EXPONENT_BITS) {
            // as Go and BoringSSL: a huge exponent makes each verification as slow as a private-key operation
            throw new CryptoException(CryptoException.Kind.INVALID_KEY, "an RSA public exponent of "
                    + e.bitLength() + " bits; minitls takes at most " + MAX_RSA_EXPONENT_BITS);
        }
        return key;
    }

    private static void requirePrime256v1(byte[] curve) {
        Der.require(Arrays.equals(curve, PRIME256V1), "an EC key on a curve other than P-256");
    }

    private static void requireNullParameters(Der.Reader algorithm) {
        Der.require(algorithm.read(Der.NULL).length == 0, "RSA parameters other than NULL");
        algorithm.end();
    }
}
