package dev.minitls.crypto.jca;

import java.security.GeneralSecurityException;

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

    /** For a JDK failure on input that was already validated, which only a JDK fault can cause. */
    static IllegalStateException fault(String operation, GeneralSecurityException cause) {
        return new IllegalStateException(operation + " failed inside the JDK", cause);
    }
}
