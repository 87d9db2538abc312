package dev.minitls.cli.command;

import dev.minitls.domain.handshake.ProtocolVersion;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --protocol v1|v2}. */
final class ProtocolOption implements ITypeConverter<ProtocolVersion> {

    @Override
    public ProtocolVersion convert(String value) {
        try {
            return ProtocolVersion.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("expected v1 or v2, got '" + value + "'");
        }
    }
}
