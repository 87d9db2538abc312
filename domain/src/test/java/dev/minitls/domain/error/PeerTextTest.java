package dev.minitls.domain.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PeerTextTest {

    /** Everything a peer could use to act on a terminal or a log: each must come out as an escape. */
    static Stream<String> hostile() {
        return Stream.of(
                "\u001b", // ESC: starts the sequences that move the cursor or clear the screen
                "\n", "\r", "\u000b", "\u000c", "\u0000", "\u0007", "\u0008", "\t", // C0: line ends, bell, backspace
                "\u007f", // DEL
                "\u0085", "\u009b", // C1: next line, control sequence introducer
                "\u2028", "\u2029", // line and paragraph separators
                "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u061c", // bidi overrides, isolates, marks
                "\u200b", "\ufeff", "\u00ad", // zero-width space, BOM, soft hyphen
                "\udb40\udc41", // TAG LATIN CAPITAL LETTER A, beyond the BMP
                "\ud800", "\udc00", // lone surrogates
                "\ue000", // private use
                "\uffff", "\u0378"); // unassigned
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void everyCharacterThatCouldActOnATerminalIsEscaped(String character) {
        String escaped = PeerText.escape("a" + character + "b");

        assertThat(escaped).startsWith("a").endsWith("b").contains("\\u")
                .matches("a(\\\\u[0-9a-f]{4})+b");
        assertThat(PeerText.quote("a" + character + "b")).isEqualTo("\"" + escaped + "\"");
    }

    @Test
    void controlCharactersBecomeTheirUnicodeEscape() {
        assertThat(PeerText.quote("suite\u001b[2J\n[127.0.0.1:1] forged"))
                .isEqualTo("\"suite\\u001b[2J\\u000a[127.0.0.1:1] forged\"");
        assertThat(PeerText.escape("\udb40\udc41")).isEqualTo("\\udb40\\udc41");
    }

    @Test
    void printableTextIsKeptAsItIsAccentsAndEmojiIncluded() {
        String text = "CN=caf\u00e9 \u4e2d\u6587 \ud83d\ude00, O=x.y-z_1 (a/b) ~!@#$%^&*";
        assertThat(PeerText.escape(text)).isEqualTo(text);
        assertThat(PeerText.quote(text)).isEqualTo("\"" + text + "\"");
    }

    @Test
    void aQuotedValueEscapesItsQuotesAndBackslashesSoThatItsEndIsNeverInDoubt() {
        assertThat(PeerText.quote("x\", expected \"y\\")).isEqualTo("\"x\\\", expected \\\"y\\\\\"");
        assertThat(PeerText.escape("C:\\path \"here\"")).isEqualTo("C:\\path \"here\"");
    }

    @Test
    void aLongValueIsCutToItsFirstCodePointsAndItsLengthSaid() {
        assertThat(PeerText.quote("x".repeat(PeerText.MAX_QUOTED))).isEqualTo("\"" + "x".repeat(128) + "\"");
        assertThat(PeerText.quote("x".repeat(5000))).isEqualTo("\"" + "x".repeat(128) + "\"... (5000 characters)");
        // never inside a surrogate pair
        assertThat(PeerText.quote("\ud83d\ude00".repeat(200)))
                .isEqualTo("\"" + "\ud83d\ude00".repeat(128) + "\"... (200 characters)");
        assertThat(PeerText.escape("x".repeat(5000))).as("escape shows the whole text").hasSize(5000);
    }

    @Test
    void escapingWhatWasEscapedOrQuotedChangesNothing() {
        String hostile = "a\u001b\\u001b\"\u202e\n\\";
        assertThat(PeerText.escape(PeerText.escape(hostile))).isEqualTo(PeerText.escape(hostile));
        assertThat(PeerText.escape(PeerText.quote(hostile))).isEqualTo(PeerText.quote(hostile));
    }

    @Test
    void theEmptyTextIsTwoQuotes() {
        assertThat(PeerText.quote("")).isEqualTo("\"\"");
        assertThat(PeerText.escape("")).isEmpty();
    }
}
