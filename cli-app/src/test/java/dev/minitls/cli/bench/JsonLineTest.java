package dev.minitls.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A JSON line is one object that any JSON reader reads back as written, in plain ASCII. */
class JsonLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void membersAreWrittenInOrderAndNumbersToSixSignificantDigits() {
        String line = new JsonLine().put("impl", "minitls").put("count", 42L).put("rate", 1234.56789)
                .put("small", 0.000123456789).toString();

        assertThat(line).isEqualTo("{\"impl\": \"minitls\", \"count\": 42, \"rate\": 1234.57, \"small\": 0.000123457}");
    }

    @Test
    void stringsAreEscapedSoAnyReaderGetsThemBackFromPlainAscii() throws Exception {
        String nasty = "a \"quoted\" back\\slash, new\nline, \u001b escape, caf\u00e9, \u2028";

        String line = new JsonLine().put(nasty, nasty).toString();

        assertThat(line).as("plain ASCII").matches("[\\x20-\\x7e]*");
        JsonNode read = JSON.readTree(line);
        assertThat(read.size()).isEqualTo(1);
        assertThat(read.get(nasty).asText()).isEqualTo(nasty);
    }

    @Test
    void refusesANumberJsonCannotHold() {
        assertThatThrownBy(() -> new JsonLine().put("rate", Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate is not a finite number: NaN");
        assertThatThrownBy(() -> new JsonLine().put("rate", Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
