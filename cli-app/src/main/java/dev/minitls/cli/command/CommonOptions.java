package dev.minitls.cli.command;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command that does cryptography shares. */
public final class CommonOptions {

    @Option(names = "--provider", paramLabel = "fast|bc|jca", defaultValue = CryptoChoice.DEFAULT_NAME,
            description = "Crypto provider: fast (X25519 and Ed25519 from Bouncy Castle, the rest from the JDK), bc"
                    + " (Bouncy Castle) or jca (the JDK's own). Default: ${DEFAULT-VALUE}.")
    CryptoChoice provider;

    @Mixin
    private VerboseOption verbose;

    /** The ports for this run, wired with the chosen provider. */
    Endpoints endpoints() {
        return Wiring.endpoints(provider);
    }
}
