package dev.minitls.domain.port;

/**
 * Where the domain gets randomness: hello randoms and ephemeral X25519 private keys. Production uses the
 * operating system's CSPRNG; tests pin it to replay a recorded handshake.
 */
@FunctionalInterface
public interface RandomSource {

    /**
     * {@code length} fresh random bytes, in a new array (an empty one for 0). {@code RandomSourceContract}, in the
     * domain's test-jar, checks every source against this description.
     *
     * @throws IllegalArgumentException for a negative length
     */
    byte[] nextBytes(int length);
}
