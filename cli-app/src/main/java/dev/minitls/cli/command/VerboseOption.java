package dev.minitls.cli.command;

import picocli.CommandLine.Option;

/** {@code --verbose}: a failure shows its stack trace too (see {@link MinitlsCommand#commandLine()}). */
public final class VerboseOption {

    @Option(names = "--verbose", description = "Show stack traces of failures.")
    boolean verbose;
}
