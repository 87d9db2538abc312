package dev.minitls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecureRandomSourceTest {

    private final SecureRandomSource random = new SecureRandomSource();

    @Test
    void givesTheRequestedNumberOfBytes() {
        assertThat(random.nextBytes(32)).hasSize(32);
        assertThat(random.nextBytes(0)).isEmpty();
    }

    @Test
    void drawsFreshBytesEachTime() {
        // Two equal 32-byte draws from a working CSPRNG have probability 2^-256.
        assertThat(random.nextBytes(32)).isNotEqualTo(random.nextBytes(32));
    }

    @Test
    void refusesANegativeLength() {
        assertThatThrownBy(() -> random.nextBytes(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }
}
