package dev.minitls.domain.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Nonce = IV XOR the sequence number as a 12-byte big-endian integer (protocol-v1.md, RFC 8446 section 5.3). */
class NoncesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] IV = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaab");

    @ParameterizedTest(name = "sequence 0x{0}")
    @CsvSource({
        "0000000000000000, a0a1a2a3a4a5a6a7a8a9aaab",
        "0000000000000001, a0a1a2a3a4a5a6a7a8a9aaaa",
        "0000000000000102, a0a1a2a3a4a5a6a7a8a9aba9",
        "0000000000ffffff, a0a1a2a3a4a5a6a7a8565554",
        "0102030405060708, a0a1a2a3a5a7a5a3adafada3",
        "ffffffffffffffff, a0a1a2a35b5a595857565554",
    })
    void xorsTheSequenceNumberIntoTheLastEightBytes(String sequence, String nonce) {
        byte[] result = Nonces.forSequence(IV, Long.parseUnsignedLong(sequence, 16));

        assertThat(HEX.formatHex(result)).isEqualTo(nonce);
    }

    @Test
    void returnsANewArrayAndLeavesTheIvAlone() {
        byte[] iv = IV.clone();

        Nonces.forSequence(iv, 0)[0] ^= 1;
        Nonces.forSequence(iv, 0x0102)[11] ^= 1;

        assertThat(iv).isEqualTo(IV);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 11, 13, 32})
    void refusesAnIvThatIsNot12Bytes(int length) {
        assertThatThrownBy(() -> Nonces.forSequence(new byte[length], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IV must be 12 bytes, got " + length);
    }
}
