package dev.minitls.testing;

import dev.minitls.domain.port.RandomSource;
import dev.minitls.testing.contract.RandomSourceContract;

/** The random source contract, run against the counter-based reproducible source. */
class CountingRandomContractTest extends RandomSourceContract {

    @Override
    protected RandomSource source(int... lengths) {
        return FixedRandom.counting();
    }
}
