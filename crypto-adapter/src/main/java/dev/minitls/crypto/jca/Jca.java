package dev.minitls.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * Looks up JDK engines ({@code Mac}, {@code Cipher}, {@code KeyFactory}, ...). Every algorithm used here ships with
 * JDK 17, so a missing one means a broken runtime, not bad input: that is an {@link IllegalStateException}, never a
 * {@link dev.minitls.domain.port.CryptoException}.
 */
final class Jca {

    /** A {@code getInstance} method, such as {@code Mac::getInstance}. */
    @FunctionalInterface
    interface Lookup<T> {
        T getInstance(String algorithm) throws GeneralSecurityException;
    }

    private Jca() {
    }

    static <T> T engine(String algorithm, Lookup<T> lookup) {
        try {
            return lookup.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + algorithm + " implementation", e);
        }
    }

    /** A copy of {@code mac} in its current state; the JDK's HMAC-SHA256 can always be copied. */
    static Mac copy(Mac mac) {
        try {
            return (Mac) mac.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + mac.getAlgorithm() + " cannot be copied", e);
        }
    }

    /** A copy of {@code digest} in its current state; the JDK's SHA-256 can always be copied. */
    static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + digest.getAlgorithm() + " cannot be copied", e);
        }
    }

    /** For a JDK failure on input that was already validated, which only a JDK fault can cause. */
    static IllegalStateException fault(String operation, GeneralSecurityException cause) {
        return new IllegalStateException(operation + " failed inside the JDK", cause);
    }
}
