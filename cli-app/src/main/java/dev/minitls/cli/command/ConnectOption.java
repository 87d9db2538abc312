package dev.minitls.cli.command;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --connect HOST:PORT}, as {@code openssl s_client -connect} takes it: a host name or address (an IPv6
 * address in brackets, {@code [::1]:9914}) and a port from 1 to 65535.
 */
final class ConnectOption implements ITypeConverter<ConnectOption.Target> {

    /** Where to connect. */
    record Target(String host, int port) {
    }

    @Override
    public Target convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon > 0 && colon < value.length() - 1) {
            String host = value.substring(0, colon);
            boolean bracketed = host.length() > 2 && host.startsWith("[") && host.endsWith("]");
            if (bracketed) {
                host = host.substring(1, host.length() - 1);
            }
            int port = port(value.substring(colon + 1));
            // Without brackets a colon in the host would make HOST:PORT ambiguous.
            if (!host.isEmpty() && (bracketed || !host.contains(":")) && port > 0) {
                return new Target(host, port);
            }
        }
        throw new TypeConversionException("expected HOST:PORT with a port from 1 to 65535, got '" + value + "'");
    }

    private static int port(String digits) {
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 5) {
            return -1;
        }
        try {
            int port = Integer.parseInt(digits);
            return port <= 0xffff ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
