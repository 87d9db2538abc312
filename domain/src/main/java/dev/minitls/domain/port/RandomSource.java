package dev.minitls.domain.port;

/**
 * Where the domain gets randomness: hello randoms and ephemeral X25519 private keys. Production uses the
 * operating system's CSPRNG; tests pin it to replay a recorded handshake.
 */
@FunctionalInterface
public interface RandomSource {

    /** {@code length} fresh random bytes. */
    byte[] nextBytes(int length);
}
