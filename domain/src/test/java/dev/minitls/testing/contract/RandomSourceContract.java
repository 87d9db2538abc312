package dev.minitls.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.minitls.domain.port.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link RandomSource} does: exactly the number of bytes asked for, none for zero, a fresh value each
 * time in an array of its own, and a negative length refused.
 *
 * <p>An implementation's test extends this class and only says how to make the source.
 */
@ExtendWith(ContractReport.class)
public abstract class RandomSourceContract {

    /** A source ready to be asked for values of {@code lengths}, in this order (a pinned source needs to know). */
    protected abstract RandomSource source(int... lengths);

    @ParameterizedTest
    @ValueSource(ints = {1, 12, 32, 1000})
    void givesExactlyTheLengthAskedFor(int length) {
        assertThat(source(length).nextBytes(length)).hasSize(length);
    }

    @Test
    void zeroBytesAreAnEmptyArray() {
        assertThat(source(0).nextBytes(0)).isEmpty();
    }

    @Test
    void eachValueIsFresh() {
        RandomSource source = source(32, 32);

        byte[] first = source.nextBytes(32);
        byte[] second = source.nextBytes(32);

        assertThat(second).as("a new array with new bytes").isNotSameAs(first).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE})
    void aNegativeLengthIsRefused(int length) {
        assertThatIllegalArgumentException().isThrownBy(() -> source(32).nextBytes(length))
                .withMessageContaining(Integer.toString(length));
    }
}
