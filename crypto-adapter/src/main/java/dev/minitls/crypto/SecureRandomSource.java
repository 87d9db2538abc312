package dev.minitls.crypto;

import dev.minitls.domain.port.RandomSource;

import java.security.SecureRandom;

/** Randomness from the operating system's CSPRNG through {@link SecureRandom}. Thread-safe. */
public final class SecureRandomSource implements RandomSource {

    private final SecureRandom random = new SecureRandom();

    @Override
    public byte[] nextBytes(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("cannot draw a negative number of random bytes: " + length);
        }
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
