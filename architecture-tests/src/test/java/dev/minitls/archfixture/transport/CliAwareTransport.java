package dev.minitls.archfixture.transport;

import dev.minitls.archfixture.cli.FixtureCli;

/** Breaks rule 2: an adapter depends on the cli. */
public final class CliAwareTransport {

    Runnable command() {
        return new FixtureCli();
    }
}
