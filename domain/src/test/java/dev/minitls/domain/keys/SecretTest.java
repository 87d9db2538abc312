package dev.minitls.domain.keys;

import static org.assertj.core.api.Assertions.assertThat;

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
}
