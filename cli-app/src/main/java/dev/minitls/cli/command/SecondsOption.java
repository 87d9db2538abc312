package dev.minitls.cli.command;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a time in seconds, fractions allowed ({@code 0.5}), from 0 to one hour. */
final class SecondsOption implements ITypeConverter<Duration> {

    private static final double MAX_SECONDS = 3600;

    @Override
    public Duration convert(String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds >= 0 && seconds <= MAX_SECONDS) {
                return Duration.ofNanos(Math.round(seconds * 1e9));
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new TypeConversionException("expected seconds from 0 to " + (int) MAX_SECONDS + ", got '" + value + "'");
    }
}
