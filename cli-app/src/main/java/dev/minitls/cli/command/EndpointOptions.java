package dev.minitls.cli.command;

import picocli.CommandLine.Mixin;

/**
 * What the {@code client} and {@code server} commands, the two ends of a connection, both take: the crypto provider,
 * the PKI folder, the address, and tracing.
 */
public final class EndpointOptions {

    @Mixin
    CommonOptions common;

    @Mixin
    DirOption dir;

    @Mixin
    AddressOptions address;

    @Mixin
    TraceOptions tracing;
}
