package dev.minitls.archfixture.cli.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;

/** Allowed: the one wiring place creates the injector. */
public final class FixtureWiring {

    private FixtureWiring() {
    }

    public static Injector injector() {
        return Guice.createInjector();
    }
}
