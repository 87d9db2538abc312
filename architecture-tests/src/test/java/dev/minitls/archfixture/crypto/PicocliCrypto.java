package dev.minitls.archfixture.crypto;

import picocli.CommandLine;

/** Breaks rule 3: command-line parsing outside the cli. */
public final class PicocliCrypto {

    int run(CommandLine commandLine, String... args) {
        return commandLine.execute(args);
    }
}
