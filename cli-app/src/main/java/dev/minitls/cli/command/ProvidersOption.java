package dev.minitls.cli.command;

import dev.minitls.cli.wiring.CryptoChoice;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --provider} of the measuring commands: one provider's name, or {@code all} for every provider. */
final class ProvidersOption implements ITypeConverter<List<CryptoChoice>> {

    static final String ALL = "all";

    @Override
    public List<CryptoChoice> convert(String value) {
        if (value.equals(ALL)) {
            return List.of(CryptoChoice.values());
        }
        try {
            return List.of(CryptoChoice.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("expected " + names() + " or " + ALL + ", got '" + value + "'");
        }
    }

    static String names() {
        return Arrays.stream(CryptoChoice.values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
