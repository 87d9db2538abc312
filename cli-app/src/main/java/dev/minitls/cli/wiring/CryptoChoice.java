package dev.minitls.cli.wiring;

import com.google.inject.Module;

/** The crypto providers a user can pick with {@code --provider}. */
public enum CryptoChoice {
    /** Bouncy Castle's lightweight API. */
    bc(new BcCryptoModule()),
    /** The JDK's own providers (SunEC, SunJCE). */
    jca(new JcaCryptoModule()),
    /** Each primitive from the faster of the two: X25519 and Ed25519 from Bouncy Castle, the rest from the JDK. */
    fast(new FastCryptoModule());

    /** The name of the provider used when none is chosen: {@code --provider}'s default and the Java API's. */
    public static final String DEFAULT_NAME = "fast";

    private final Module module;

    CryptoChoice(Module module) {
        this.module = module;
    }

    /** The provider used when none is chosen. */
    public static CryptoChoice byDefault() {
        return valueOf(DEFAULT_NAME);
    }

    /** The Guice module that binds this provider. */
    public Module module() {
        return module;
    }
}
