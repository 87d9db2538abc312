package dev.minitls.cli.command;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a number of records, such as {@code --key-update-every N}: a whole number from 1. */
final class RecordCountOption implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new TypeConversionException("expected a number of records from 1, got '" + value + "'");
    }
}
