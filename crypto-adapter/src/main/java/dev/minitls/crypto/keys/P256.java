package dev.minitls.crypto.keys;

import dev.minitls.domain.port.CryptoException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * NIST P-256 (secp256r1) as the providers check it alike, before any library sees a point or a scalar: only an
 * uncompressed point {@code 04 || X || Y} with X and Y below p and on the curve (the identity has no such
 * encoding), only a scalar from 1 to n - 1. The arithmetic here works on public values only.
 */
public final class P256 {

    /** The field's prime. */
    public static final BigInteger P =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    /** The curve's b (a is -3). */
    public static final BigInteger B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    /** The order of the base point. */
    public static final BigInteger N =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    /** The base point's coordinates. */
    public static final BigInteger GX =
            new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16);
    public static final BigInteger GY =
            new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16);
    /** A coordinate's or a scalar's length in bytes. */
    public static final int FIELD_LENGTH = 32;
    /** The length of an uncompressed point. */
    public static final int POINT_LENGTH = 1 + 2 * FIELD_LENGTH;
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private P256() {
    }

    /** An affine point on the curve. */
    public record Point(BigInteger x, BigInteger y) {

        /** {@code 04 || X || Y}. */
        public byte[] encoded() {
            byte[] out = new byte[POINT_LENGTH];
            out[0] = 4;
            System.arraycopy(fixed(x), 0, out, 1, FIELD_LENGTH);
            System.arraycopy(fixed(y), 0, out, 1 + FIELD_LENGTH, FIELD_LENGTH);
            return out;
        }
    }

    /** The base point G. */
    public static Point generator() {
        return new Point(GX, GY);
    }

    /**
     * The point an uncompressed encoding holds.
     *
     * @throws CryptoException with {@link CryptoException.Kind#INVALID_KEY} for anything else: another length, a
     *     compressed point, a coordinate not below p, a point not on the curve
     */
    public static Point point(byte[] encoded) {
        if (encoded.length != POINT_LENGTH || encoded[0] != 4) {
            throw invalid("a P-256 point must be 65 bytes, uncompressed (04 || X || Y)");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + FIELD_LENGTH));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + FIELD_LENGTH, POINT_LENGTH));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0 || !y.multiply(y).mod(P).equals(rightHandSide(x))) {
            throw invalid("the peer's point is not on P-256");
        }
        return new Point(x, y);
    }

    /**
     * The scalar in 32 big-endian bytes.
     *
     * @throws CryptoException with {@link CryptoException.Kind#INVALID_KEY} unless it is 32 bytes from 1 to n - 1
     */
    public static BigInteger scalar(byte[] privateKey) {
        if (privateKey.length != FIELD_LENGTH) {
            throw invalid("a P-256 private key must be " + FIELD_LENGTH + " bytes, got " + privateKey.length);
        }
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(N) >= 0) {
            throw invalid("a P-256 private key must be from 1 to n - 1");
        }
        return d;
    }

    /**
     * The point whose X is {@code x} that {@code isRight} accepts, of the two with that X (a library whose ECDH
     * gives only X tells them apart).
     */
    public static Point withX(BigInteger x, java.util.function.Predicate<Point> isRight) {
        // p = 3 mod 4, so a square root of a is a^((p + 1) / 4).
        BigInteger y = rightHandSide(x).modPow(P.add(BigInteger.ONE).shiftRight(2), P);
        Point even = new Point(x, y);
        return isRight.test(even) ? even : new Point(x, P.subtract(y).mod(P));
    }

    /** The X of {@code a + b}, for two points that are neither equal nor opposite. */
    public static BigInteger sumX(Point a, Point b) {
        BigInteger lambda = b.y().subtract(a.y()).multiply(b.x().subtract(a.x()).modInverse(P)).mod(P);
        return lambda.multiply(lambda).subtract(a.x()).subtract(b.x()).mod(P);
    }

    /** A value as 32 big-endian bytes. */
    public static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[FIELD_LENGTH];
        int length = Math.min(bytes.length, FIELD_LENGTH);
        System.arraycopy(bytes, bytes.length - length, out, FIELD_LENGTH - length, length);
        return out;
    }

    private static BigInteger rightHandSide(BigInteger x) {
        return x.pow(3).subtract(THREE.multiply(x)).add(B).mod(P);
    }

    private static CryptoException invalid(String message) {
        return new CryptoException(CryptoException.Kind.INVALID_KEY, message);
    }
}
