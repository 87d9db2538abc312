package dev.minitls.cli.wiring;

import com.google.inject.AbstractModule;
import dev.minitls.crypto.fast.FastCryptoProvider;
import dev.minitls.domain.port.CryptoProvider;

/** Binds the crypto port to the combined provider: each primitive from the library that runs it fastest. */
public final class FastCryptoModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(CryptoProvider.class).toInstance(new FastCryptoProvider());
    }
}
