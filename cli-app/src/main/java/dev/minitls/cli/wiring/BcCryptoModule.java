package dev.minitls.cli.wiring;

import com.google.inject.AbstractModule;
import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.domain.port.CryptoProvider;

/**
 * Binds the crypto port to Bouncy Castle. A library user installs one of this, {@link JcaCryptoModule} and
 * {@link FastCryptoModule}.
 */
public final class BcCryptoModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(CryptoProvider.class).toInstance(new BcCryptoProvider());
    }
}
