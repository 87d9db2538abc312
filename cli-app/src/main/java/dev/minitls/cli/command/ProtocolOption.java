package dev.minitls.cli.command;

import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import java.util.EnumSet;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --protocol v1|v2}, and each name of {@code --protocols v1,v2}: any protocol minitls speaks. */
final class ProtocolOption implements ITypeConverter<ProtocolVersion> {

    @Override
    public ProtocolVersion convert(String value) {
        try {
            return ProtocolVersion.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("expected one of "
                    + ServerConfig.names(EnumSet.allOf(ProtocolVersion.class)) + ", got '" + value + "'");
        }
    }
}
