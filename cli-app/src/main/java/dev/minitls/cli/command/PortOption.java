package dev.minitls.cli.command;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --port}: a TCP port from 0 (any free port, for a server) to 65535. */
final class PortOption implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 0xffff) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, like any other value out of range
        }
        throw new TypeConversionException("expected a port from 0 to 65535, got '" + value + "'");
    }
}
