package dev.minitls.cli.api;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.domain.trace.HandshakeObserver;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a client and a server are both built with, besides their own settings: the crypto provider and the observer
 * of every step. {@link MinitlsClient.Builder} and {@link MinitlsServer.Builder} are the two kinds.
 *
 * @param <B> the builder itself, returned by every setter
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {

    private CryptoChoice provider = CryptoChoice.byDefault();
    private HandshakeObserver observer = HandshakeObserver.NONE;

    EndpointBuilder() {
    }

    /**
     * The crypto provider: {@code fast} (the default: X25519 and Ed25519 from Bouncy Castle, the rest from the JDK),
     * Bouncy Castle ({@code bc}) or the JDK's own ({@code jca}).
     */
    public B provider(CryptoChoice provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
        return self();
    }

    /** Told of every step of every handshake and record, secrets included (see the {@code trace} package). */
    public B observer(HandshakeObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return self();
    }

    abstract B self();

    HandshakeObserver observer() {
        return observer;
    }

    /**
     * What {@code configure} makes of the ports wired for the chosen provider.
     *
     * @throws IllegalArgumentException when a file it reads cannot be read or used, saying which and why
     */
    <T> T withEndpoints(Function<Endpoints, T> configure) {
        try {
            return configure.apply(Wiring.endpoints(provider));
        } catch (UserError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
