package dev.minitls.crypto;

import dev.minitls.domain.port.RandomSource;
import dev.minitls.testing.contract.RandomSourceContract;

/**
 * The random source contract, run against the operating system's CSPRNG (two equal 32-byte draws from a working one
 * have probability 2^-256).
 */
class SecureRandomSourceContractTest extends RandomSourceContract {

    @Override
    protected RandomSource source(int... lengths) {
        return new SecureRandomSource();
    }
}
