package dev.minitls.testing;

import dev.minitls.domain.port.RandomSource;
import dev.minitls.testing.contract.RandomSourceContract;
import java.util.Arrays;

/** The random source contract, run against pinned randomness given one distinct value for each length asked for. */
class FixedRandomContractTest extends RandomSourceContract {

    @Override
    protected RandomSource source(int... lengths) {
        byte[][] values = new byte[lengths.length][];
        for (int i = 0; i < lengths.length; i++) {
            values[i] = new byte[lengths[i]];
            Arrays.fill(values[i], (byte) (i + 1));
        }
        return new FixedRandom(values);
    }
}
