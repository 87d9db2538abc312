package dev.minitls.archfixture.cli.api;

import picocli.CommandLine;

/** Breaks rule 8: the library face hands out a picocli type. */
public final class PicocliApi {

    public CommandLine commandLine() {
        return new CommandLine(new Object());
    }
}
