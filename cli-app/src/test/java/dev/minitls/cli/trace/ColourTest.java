package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colour only on a terminal that can show it, and never when the user said NO_COLOR. */
class ColourTest {

    @Test
    void aTerminalOfAKnownTypeGetsColour() {
        assertThat(Colour.choose(true, Map.of("TERM", "xterm-256color"))).isEqualTo(Colour.ON);
    }

    @Test
    void pipedOrRedirectedOutputGetsNone() {
        assertThat(Colour.choose(false, Map.of("TERM", "xterm-256color"))).isEqualTo(Colour.OFF);
    }

    @Test
    void aDumbOrUnknownTerminalGetsNone() {
        assertThat(Colour.choose(true, Map.of("TERM", "dumb"))).isEqualTo(Colour.OFF);
        assertThat(Colour.choose(true, Map.of("TERM", ""))).isEqualTo(Colour.OFF);
        assertThat(Colour.choose(true, Map.of())).isEqualTo(Colour.OFF);
    }

    @Test
    void noColorTurnsItOffWhateverItsValue() {
        assertThat(Colour.choose(true, Map.of("TERM", "xterm", "NO_COLOR", ""))).isEqualTo(Colour.OFF);
    }

    @Test
    void offLeavesTextAsItIs() {
        assertThat(Colour.OFF.red("secret")).isEqualTo("secret");
        assertThat(Colour.ON.red("secret")).isEqualTo("\u001b[31msecret\u001b[0m");
    }
}
