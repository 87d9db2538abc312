package dev.minitls.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.support.Providers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each {@code --provider} choice binds the provider of that name, the one the demo and the server then print. */
class CryptoChoiceTest {

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void eachChoiceBindsTheProviderOfItsName(CryptoChoice choice) {
        assertThat(Providers.of(choice).name()).isEqualTo(choice.name());
    }
}
