package dev.minitls.cli.wiring;

import com.google.inject.Guice;
import dev.minitls.cli.runtime.Endpoints;

/**
 * The one place where minitls's object graph is built: every command, the Java API's builders and the benchmarks
 * get their {@link Endpoints} here, one injector each. The provider chosen ({@code --provider}, the API's
 * {@code provider(...)}) selects the module that binds the crypto port; {@link RuntimeModule} binds the rest.
 * Protocols and limits are values, not implementations: they are handed to {@link Endpoints} and the runtime as such.
 */
public final class Wiring {

    private Wiring() {
    }

    /** The ports wired for {@code provider}: its crypto, the OS's randomness, the system clock, both wire formats. */
    public static Endpoints endpoints(CryptoChoice provider) {
        return Guice.createInjector(provider.module(), new RuntimeModule()).getInstance(Endpoints.class);
    }
}
