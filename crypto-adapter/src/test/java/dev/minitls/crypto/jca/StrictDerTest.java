package dev.minitls.crypto.jca;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of DER that BER relaxes and the JDK's X.509 reader lets through, one case each. */
class StrictDerTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "3000", "300602010102017f", "0101ff", "010100", "02020080", "0201ff", "0202ff00", "3106020101020102",
        "3106020101020101"
    })
    void derPasses(String hex) {
        assertThat(StrictDer.violation(HexFormat.of().parseHex(hex))).isEmpty();
    }

    @Test
    void aLengthOf128OrMoreIsInLongForm() {
        byte[] octets = new byte[2 + 126];
        octets[0] = 0x04;
        octets[1] = 126;
        byte[] sequence = new byte[3 + octets.length];
        sequence[0] = 0x30;
        sequence[1] = (byte) 0x81;
        sequence[2] = (byte) 0x80;
        System.arraycopy(octets, 0, sequence, 3, octets.length);

        assertThat(StrictDer.violation(sequence)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "300000 | bytes after the certificate",
        "3005020101 | an element longer than what holds it",
        "30 | an element cut short",
        "1f8100 | a tag in more than one byte",
        "30800000 | an indefinite length",
        "3082000602010102017f | a length with a leading zero byte",
        "30810602010102017f | a length in long form below 128",
        "3085000000000600 | a length cut short or over 4 bytes",
        "3082 | a length cut short or over 4 bytes",
        "30810a | a length in long form below 128",
        "308401000000 | an element longer than what holds it",
        "2403040100 | a string in constructed form",
        "010101 | a BOOLEAN neither 00 nor ff",
        "01020000 | a BOOLEAN neither 00 nor ff",
        "0200 | an empty INTEGER",
        "02020001 | an INTEGER with a needless first byte",
        "02020000 | an INTEGER with a needless first byte",
        "0202ff80 | an INTEGER with a needless first byte",
        "3106020102020101 | the elements of a SET out of order"
    })
    void berIsCaught(String hex, String broken) {
        assertThat(StrictDer.violation(HexFormat.of().parseHex(hex))).isEqualTo(Optional.of(broken));
    }
}
