package dev.minitls.cli.wiring;

import com.google.inject.AbstractModule;
import dev.minitls.crypto.jca.JcaCryptoProvider;
import dev.minitls.domain.port.CryptoProvider;

/** Binds the crypto port to the JDK's own providers. */
public final class JcaCryptoModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(CryptoProvider.class).toInstance(new JcaCryptoProvider());
    }
}
