package dev.minitls.cli.api;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.trace.HandshakeObserver;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a client and a server are both built with, besides their own settings: the crypto provider and the observer
 * of every step. {@link MinitlsClient.Builder} and {@link MinitlsServer.Builder} are the two kinds.
 *
 * @param <B> the builder itself, returned by every setter
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {

    private CryptoChoice provider = CryptoChoice.byDefault();
    private HandshakeObserver observer = HandshakeObserver.NONE;
    private Tls13Settings tls13 = Tls13Settings.DEFAULT;
    private boolean tls13Chosen;

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

    /**
     * TLS 1.3 only: the key exchange groups offered (a client, which sends a key share for the first) or taken (a
     * server), in order of preference (default: x25519).
     *
     * @throws IllegalArgumentException when minitls does not implement one, or one is named twice
     */
    public B groups(NamedGroup first, NamedGroup... more) {
        tls13 = tls13.withGroups(Stream.concat(Stream.of(first), Arrays.stream(more)).toList());
        tls13Chosen = true;
        return self();
    }

    /**
     * TLS 1.3 only: the cipher suites offered or taken, in order of preference (default: the three, AES-128-GCM
     * first).
     *
     * @throws IllegalArgumentException when minitls does not implement one, or one is named twice
     */
    public B suites(CipherSuite first, CipherSuite... more) {
        tls13 = tls13.withSuites(Stream.concat(Stream.of(first), Arrays.stream(more)).toList());
        tls13Chosen = true;
        return self();
    }

    abstract B self();

    /**
     * The TLS 1.3 settings chosen.
     *
     * @throws IllegalStateException when groups or suites were chosen for an endpoint that speaks no TLS 1.3
     */
    Tls13Settings tls13(boolean speaksTls13) {
        if (tls13Chosen && !speaksTls13) {
            throw new IllegalStateException("groups and suites are TLS 1.3's: v1 and v2 always use x25519 and"
                    + " AES-256-GCM");
        }
        return tls13;
    }

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
