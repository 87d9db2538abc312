package dev.minitls.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BytesTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
        "'',       '',       true",
        "00,       00,       true",
        "0102ff,   0102ff,   true",
        "0102ff,   8102ff,   false",
        "0102ff,   0102fe,   false",
        "0102,     0102ff,   false",
        "0102ff,   0102,     false",
        "'',       00,       false",
    })
    void constantTimeEqualsComparesContentAndLength(String a, String b, boolean equal) {
        assertThat(Bytes.constantTimeEquals(hex(a), hex(b))).isEqualTo(equal);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "'',           true",
        "00,           true",
        "000000000000, true",
        "000000000001, false",
        "800000000000, false",
        "ff,           false",
    })
    void isAllZeroLooksAtEveryByte(String bytes, boolean allZero) {
        assertThat(Bytes.isAllZero(hex(bytes))).isEqualTo(allZero);
    }

    @Test
    void hexIsLowerCase() {
        assertThat(Bytes.hex(hex("00ABff10"))).isEqualTo("00abff10");
    }

    @ParameterizedTest(name = "{0} to {1} bytes: {2}")
    @CsvSource({
        "'',       4, ''",
        "0102,     4, 0102",
        "01020304, 4, 01020304",
        "0102030405, 4, 01020304…",
        "0102,     0, …",
    })
    void shortHexShowsAPrefixAndMarksWhatIsLeftOut(String bytes, int n, String shown) {
        assertThat(Bytes.shortHex(hex(bytes), n)).isEqualTo(shown);
    }
}
