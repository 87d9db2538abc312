package dev.minitls.cli.support;

import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.domain.port.CryptoProvider;

/** The crypto provider behind each {@code --provider} choice, obtained through the command line's own wiring. */
public final class Providers {

    private Providers() {
    }

    public static CryptoProvider of(CryptoChoice choice) {
        return Wiring.endpoints(choice).crypto();
    }
}
