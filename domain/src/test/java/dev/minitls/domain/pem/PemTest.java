package dev.minitls.domain.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.port.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {

    /** Python's {@code cryptography} wrote this key (seed-v1-golden.json). */
    private static final String SERVER_KEY = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIIbzhgWPQDe2SLHRkK7WWF6LlfmCXOzqWWpHm6pmVM8s
            -----END PRIVATE KEY-----
            """;

    @Test
    void wrapsTheBodyAt64Characters() {
        byte[] der = new byte[100]; // 136 base64 characters: lines of 64, 64 and 8
        String text = Pem.encode("TEST", der);
        assertThat(text).isEqualTo("-----BEGIN TEST-----\n" + "A".repeat(64) + "\n" + "A".repeat(64) + "\n"
                + "AAAAAA==\n-----END TEST-----\n");
        assertThat(Pem.decode("TEST", ascii(text))).isEqualTo(der);
    }

    @Test
    void toleratesBlankLinesAroundTheBlockCrlfAndTrailingSpaces() {
        String text = "\n\r\n" + SERVER_KEY.replace("\n", "  \r\n") + "\n\n";
        assertThat(Pem.decode("PRIVATE KEY", ascii(text))).isEqualTo(Pem.decode("PRIVATE KEY", ascii(SERVER_KEY)));
    }

    @Test
    void acceptsInputOfExactlyTheLimit() {
        String padded = SERVER_KEY + "\n".repeat(Pem.MAX_INPUT_BYTES - SERVER_KEY.length());
        assertThat(padded).hasSize(Pem.MAX_INPUT_BYTES);
        assertThat(Pem.decode("PRIVATE KEY", ascii(padded))).hasSize(48);
    }

    @Test
    void decodeAllReadsEachBlockInOrderWithBlankLinesBetween() {
        String first = Pem.encode("CERTIFICATE", new byte[] {1, 2, 3});
        String second = Pem.encode("CERTIFICATE", new byte[] {4, 5});
        assertThat(Pem.decodeAll("CERTIFICATE", ascii(first + "\n" + second), 8))
                .containsExactly(new byte[] {1, 2, 3}, new byte[] {4, 5});
        assertThat(Pem.decodeAll("CERTIFICATE", ascii(first), 1)).containsExactly(new byte[] {1, 2, 3});
    }

    static Stream<Arguments> malformedChains() {
        String block = Pem.encode("CERTIFICATE", new byte[] {1, 2, 3});
        return Stream.of(Arguments.of(block.repeat(3), 2, "more than 2 PEM blocks"),
                Arguments.of(block + "and\n" + block, 8, "text after the END line"),
                Arguments.of(block + SERVER_KEY, 8, "instead of \"-----BEGIN CERTIFICATE-----\""),
                Arguments.of("\n", 8, "no BEGIN line"));
    }

    @ParameterizedTest
    @MethodSource("malformedChains")
    void decodeAllRefusesMoreBlocksThanAllowedTextBetweenThemAndAnotherLabel(String text, int maxBlocks,
            String why) {
        assertThatThrownBy(() -> Pem.decodeAll("CERTIFICATE", ascii(text), maxBlocks))
                .isInstanceOf(CryptoException.class).hasMessageStartingWith("PEM CERTIFICATE: ")
                .hasMessageContaining(why);
    }

    static Stream<Arguments> malformedTexts() {
        String body = "MC4CAQAwBQYDK2VwBCIEIIbzhgWPQDe2SLHRkK7WWF6LlfmCXOzqWWpHm6pmVM8s\n";
        String begin = "-----BEGIN PRIVATE KEY-----\n";
        String end = "-----END PRIVATE KEY-----\n";
        return Stream.of(
                Arguments.of("", "no BEGIN line"),
                Arguments.of("\n\n", "no BEGIN line"),
                Arguments.of("key:\n" + SERVER_KEY, "text before the BEGIN line"),
                Arguments.of(SERVER_KEY + "bye\n", "text after the END line"),
                Arguments.of(SERVER_KEY + SERVER_KEY, "more than one PEM block"),
                Arguments.of("-----BEGIN PUBLIC KEY-----\n" + body + "-----END PUBLIC KEY-----\n",
                        "found \"-----BEGIN PUBLIC KEY-----\" instead of \"-----BEGIN PRIVATE KEY-----\""),
                Arguments.of(begin + body, "no END line"),
                Arguments.of(begin + body + "-----END PUBLIC KEY-----\n", "where \"-----END PRIVATE KEY-----\""),
                Arguments.of(begin + end, "the block is empty"),
                Arguments.of(begin + "Proc-Type: 4,ENCRYPTED\n" + body + end, "line 2 is not base64"),
                Arguments.of(begin + "MC4C AQAw\n" + end, "line 2 is not base64"),
                Arguments.of(begin + "A=BC\n" + end, "not valid base64"),
                Arguments.of(begin + "QQ\n" + end, "not canonical base64"),
                Arguments.of(begin + "QR==\n" + end, "not canonical base64"),
                Arguments.of("-----BEGIN PRIVATE KEY-----\n" + "x".repeat(200) + "\n-----END " + "y".repeat(200),
                        "...\" where"));
    }

    @ParameterizedTest
    @MethodSource("malformedTexts")
    void rejectsMalformedText(String text, String messagePart) {
        assertMalformed(() -> Pem.decode("PRIVATE KEY", ascii(text)), messagePart);
    }

    @Test
    void rejectsTextThatIsNotAscii() {
        byte[] text = ("# clé\n" + SERVER_KEY).getBytes(StandardCharsets.UTF_8);
        assertMalformed(() -> Pem.decode("PRIVATE KEY", text), "not US-ASCII");
    }

    @Test
    void rejectsInputAboveTheLimitBeforeReadingIt() {
        byte[] tooLong = ascii(SERVER_KEY + "\n".repeat(Pem.MAX_INPUT_BYTES - SERVER_KEY.length() + 1));
        assertMalformed(() -> Pem.decode("PRIVATE KEY", tooLong), "more than the 65536 allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "private key", "PRIVATE  KEY", " KEY", "RSA-KEY", "KEY-----"})
    void refusesLabelsThatPemCannotCarry(String label) {
        assertThatThrownBy(() -> Pem.encode(label, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PEM label");
        assertThatThrownBy(() -> Pem.decode(label, ascii(SERVER_KEY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodeAllReadsEveryBlockInOrderWithBlankLinesBetween() {
        String other = Pem.encode("PRIVATE KEY", new byte[] {1, 2, 3});

        assertThat(Pem.decodeAll("PRIVATE KEY", ascii(SERVER_KEY + "\n" + other + "\n"), 2))
                .containsExactly(Pem.decode("PRIVATE KEY", ascii(SERVER_KEY)), new byte[] {1, 2, 3});
        assertThat(Pem.decodeAll("PRIVATE KEY", ascii(SERVER_KEY), 2)).hasSize(1);
    }

    @Test
    void decodeAllIsAsStrictAsDecodeBetweenAndAfterBlocks() {
        assertMalformed(() -> Pem.decodeAll("PRIVATE KEY", ascii(SERVER_KEY + "bye\n" + SERVER_KEY), 2),
                "text after the END line");
        assertMalformed(() -> Pem.decodeAll("PRIVATE KEY", ascii(SERVER_KEY + SERVER_KEY.replace("PRIVATE",
                "PUBLIC")), 2), "found \"-----BEGIN PUBLIC KEY-----\"");
        assertMalformed(() -> Pem.decodeAll("PRIVATE KEY", ascii("\n\n"), 2), "no BEGIN line");
        assertMalformed(() -> Pem.decodeAll("PRIVATE KEY", ascii(SERVER_KEY + SERVER_KEY.substring(0, 60)), 2),
                "no END line");
    }

    private static void assertMalformed(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CryptoException.class,
                        e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.MALFORMED))
                .hasMessageStartingWith("PEM PRIVATE KEY: ")
                .hasMessageContaining(messagePart);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
