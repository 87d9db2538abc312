package dev.minitls.domain.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.Bytes;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretTest {

    private static final byte[] BYTES = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @Test
    void toStringShowsTheLengthButNeverTheBytes() {
        Secret secret = Secret.of(BYTES);

        assertThat(secret.toString()).isEqualTo("Secret[16 bytes, not shown]");
        assertThat(String.valueOf(secret)).doesNotContain(Bytes.hex(BYTES).substring(0, 4));
    }

    @Test
    void keepsItsOwnCopy() {
        byte[] input = BYTES.clone();
        Secret secret = Secret.of(input);
        input[0] ^= 1;
        secret.bytes()[1] ^= 1;

        assertThat(secret.bytes()).isEqualTo(BYTES);
        assertThat(secret.length()).isEqualTo(16);
    }

    @Test
    void isEqualByContent() {
        assertThat(Secret.of(BYTES)).isEqualTo(Secret.of(BYTES.clone())).hasSameHashCodeAs(Secret.of(BYTES));
        assertThat(Secret.of(BYTES)).isNotEqualTo(Secret.of(new byte[16]));
        assertThat(Secret.of(BYTES).hashCode()).as("a hash that tells contents apart")
                .isNotEqualTo(Secret.of(new byte[16]).hashCode());
    }

    @Test
    void destroyZeroesTheArrayItOwnsAndEveryLaterUseIsRefused() {
        byte[] owned = BYTES.clone();
        Secret secret = Secret.owning(owned);
        Secret copy = secret.copy();

        secret.destroy();
        secret.destroy();

        assertThat(owned).as("the very array it took over").containsOnly(0);
        assertThat(secret.isDestroyed()).isTrue();
        assertThat(secret.toString()).isEqualTo("Secret[16 bytes, destroyed]");
        assertThatThrownBy(secret::bytes).isInstanceOf(IllegalStateException.class)
                .hasMessage("this secret was destroyed");
        assertThatThrownBy(secret::copy).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(secret::length).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(secret::hashCode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secret.equals(copy)).isInstanceOf(IllegalStateException.class);
        assertThat(copy.bytes()).as("a copy lives on its own").isEqualTo(BYTES);
    }

    @Test
    void ofCopiesWhatOwningTakesOver() {
        byte[] input = BYTES.clone();
        Secret owning = Secret.owning(input);
        Secret copied = Secret.of(input);
        owning.destroy();

        assertThat(input).containsOnly(0);
        assertThat(copied.bytes()).isEqualTo(BYTES);
    }
}
