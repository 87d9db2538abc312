package dev.minitls.crypto.keys;

import dev.minitls.domain.port.CryptoException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An ECDSA P-256 signature, {@code SEQUENCE { INTEGER r, INTEGER s }} (RFC 3279), read strictly and the same way for
 * every provider: DER only, r and s from 1 to n - 1, nothing after it. A BER encoding of a valid signature is
 * refused, so no provider accepts a second encoding of one signature.
 */
public record EcdsaSignature(BigInteger r, BigInteger s) {

    /** The signature {@code der} holds, or empty when it is not one in strict DER with r and s in range. */
    public static Optional<EcdsaSignature> read(byte[] der) {
        try {
            Der.Reader outer = new Der.Reader(der);
            Der.Reader sequence = outer.enter(Der.SEQUENCE);
            outer.end();
            EcdsaSignature signature = new EcdsaSignature(sequence.integer(), sequence.integer());
            sequence.end();
            return inRange(signature.r()) && inRange(signature.s()) ? Optional.of(signature) : Optional.empty();
        } catch (CryptoException e) {
            return Optional.empty();
        }
    }

    /** The DER encoding. */
    public byte[] encoded() {
        return Der.element(Der.SEQUENCE, Der.integer(r), Der.integer(s));
    }

    private static boolean inRange(BigInteger value) {
        return value.signum() > 0 && value.compareTo(P256.N) < 0;
    }
}
