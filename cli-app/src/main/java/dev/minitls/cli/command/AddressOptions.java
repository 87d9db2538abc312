package dev.minitls.cli.command;

import picocli.CommandLine.Option;

/** {@code --host} and {@code --port}: where the server listens, or where the client connects. */
public final class AddressOptions {

    @Option(names = "--host", defaultValue = "localhost", description = "Address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "9914", converter = PortOption.class,
            description = "Port (default: ${DEFAULT-VALUE}).")
    int port;
}
