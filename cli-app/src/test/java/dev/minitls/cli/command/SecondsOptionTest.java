package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** Times in seconds are read exactly, and a value out of range is refused with the range of that option. */
class SecondsOptionTest {

    @Test
    void readsFractionsOfASecondFromZeroToAnHour() {
        SecondsOption seconds = new SecondsOption();

        assertThat(seconds.convert("0")).isEqualTo(Duration.ZERO);
        assertThat(seconds.convert("0.25")).isEqualTo(Duration.ofMillis(250));
        assertThat(seconds.convert("3600")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aPositiveTimeStartsAtOneMillisecond() {
        assertThat(new SecondsOption.Positive().convert("0.001")).isEqualTo(Duration.ofMillis(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.5", "3600.001", "NaN", "Infinity", "-Infinity", "abc", ""})
    void refusesAnythingElseWithTheRangeFromZero(String value) {
        assertThatThrownBy(() -> new SecondsOption().convert(value)).isInstanceOf(TypeConversionException.class)
                .hasMessage("expected seconds from 0 to 3600, got '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0009", "-1", "3601", "x"})
    void aPositiveTimeRefusesZeroAndSaysItsRangeStartsAtOneMillisecond(String value) {
        assertThatThrownBy(() -> new SecondsOption.Positive().convert(value))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("expected seconds from 0.001 to 3600, got '" + value + "'");
    }
}
