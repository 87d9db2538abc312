package dev.minitls.testing;

import dev.minitls.domain.port.CryptoException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Textbook ECDH on NIST P-256 (affine coordinates, double-and-add, NOT constant time) for {@link InsecureTestCrypto}:
 * slow and insecure, but the real curve, so a point that is off the curve, compressed, the identity or of the wrong
 * length is refused exactly where the port's contract says a provider refuses it.
 */
final class TextbookP256 {

    private static final BigInteger P =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger A = P.subtract(BigInteger.valueOf(3));
    private static final BigInteger B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final BigInteger N =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final BigInteger[] G = {
        new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16),
        new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16)};

    private TextbookP256() {
    }

    /** The uncompressed point {@code 04 || X || Y} of {@code privateKey} times the base point. */
    static byte[] keyShare(byte[] privateKey) {
        BigInteger[] point = multiply(scalar(privateKey), G);
        byte[] share = new byte[65];
        share[0] = 4;
        System.arraycopy(InsecureTestCrypto.fixed32(point[0]), 0, share, 1, 32);
        System.arraycopy(InsecureTestCrypto.fixed32(point[1]), 0, share, 33, 32);
        return share;
    }

    /** The X coordinate of {@code privateKey} times the peer's point, which must be uncompressed and on the curve. */
    static byte[] agree(byte[] privateKey, byte[] peerShare) {
        if (peerShare.length != 65 || peerShare[0] != 4) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY, "not an uncompressed P-256 point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(peerShare, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(peerShare, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0
                || !y.pow(2).mod(P).equals(x.pow(3).add(A.multiply(x)).add(B).mod(P))) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY, "a point not on P-256");
        }
        BigInteger[] shared = multiply(scalar(privateKey), new BigInteger[] {x, y});
        if (shared == null) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY, "the shared point is the identity");
        }
        return InsecureTestCrypto.fixed32(shared[0]);
    }

    private static BigInteger scalar(byte[] privateKey) {
        BigInteger k = new BigInteger(1, privateKey);
        if (privateKey.length != 32 || k.signum() == 0 || k.compareTo(N) >= 0) {
            throw new CryptoException(CryptoException.Kind.INVALID_KEY, "not a P-256 scalar from 1 to n - 1");
        }
        return k;
    }

    /** {@code k} times {@code point}; {@code null} is the identity. */
    private static BigInteger[] multiply(BigInteger k, BigInteger[] point) {
        BigInteger[] result = null;
        for (int bit = k.bitLength() - 1; bit >= 0; bit--) {
            result = add(result, result);
            if (k.testBit(bit)) {
                result = add(result, point);
            }
        }
        return result;
    }

    private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
        if (p == null) {
            return q;
        }
        if (q == null) {
            return p;
        }
        BigInteger slope;
        if (p[0].equals(q[0])) {
            if (!p[1].equals(q[1]) || p[1].signum() == 0) {
                return null;
            }
            slope = p[0].pow(2).multiply(BigInteger.valueOf(3)).add(A)
                    .multiply(p[1].shiftLeft(1).modInverse(P)).mod(P);
        } else {
            slope = q[1].subtract(p[1]).multiply(q[0].subtract(p[0]).modInverse(P)).mod(P);
        }
        BigInteger x = slope.pow(2).subtract(p[0]).subtract(q[0]).mod(P);
        BigInteger y = slope.multiply(p[0].subtract(x)).subtract(p[1]).mod(P);
        return new BigInteger[] {x, y};
    }
}
