package dev.minitls.cli.command;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a time in seconds, fractions allowed ({@code 0.5}), from 0 to one hour; {@link Positive} for a time that
 * cannot be zero. A value out of range is refused with the range that applies.
 */
class SecondsOption implements ITypeConverter<Duration> {

    private static final Duration MAX = Duration.ofHours(1);

    private final Duration min;

    SecondsOption() {
        this(Duration.ZERO);
    }

    private SecondsOption(Duration min) {
        this.min = min;
    }

    /** A time that must not be zero, such as a timeout or a measuring time: from 1 ms to one hour. */
    static final class Positive extends SecondsOption {

        Positive() {
            super(Duration.ofMillis(1));
        }
    }

    @Override
    public Duration convert(String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds <= MAX.toSeconds()) {
                Duration time = Duration.ofNanos(Math.round(seconds * 1e9));
                if (time.compareTo(min) >= 0) {
                    return time;
                }
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new TypeConversionException("expected seconds from " + text(min) + " to " + MAX.toSeconds()
                + ", got '" + value + "'");
    }

    private static String text(Duration time) {
        return BigDecimal.valueOf(time.toNanos(), 9).stripTrailingZeros().toPlainString();
    }
}
