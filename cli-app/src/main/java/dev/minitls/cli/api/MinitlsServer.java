package dev.minitls.cli.api;

import dev.minitls.cli.runtime.ServerApp;
import dev.minitls.cli.runtime.ServerApp.ServerEvents;
import dev.minitls.cli.runtime.ServerLimits;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.port.WireFormats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minitls server, configured once with its certificate and private key, that serves connections: the counterpart
 * of an {@code SSLServerSocket}. {@link #listen} starts serving on an address; each connection runs its handshake
 * on a thread of its own and, once it completes, goes to a {@link Handler}. The server answers v1, v2 and tls13
 * clients on the one port, each in its own protocol ({@link SecureConnection#protocol()} says which), unless
 * {@link Builder#protocols} turns some off.
 *
 * <p>No client can hold it for ever: the number of connections and of handshakes at once is capped, in all and per
 * client address, a handshake has a deadline, and each frame received or sent a timeout. A failed handshake is
 * logged (SLF4J) and ends that connection only.
 */
public final class MinitlsServer {

    private static final Logger LOG = LoggerFactory.getLogger(MinitlsServer.class);

    private final ServerConfig config;
    private final WireFormats formats;
    private final ServerLimits limits;

    private MinitlsServer(ServerConfig config, WireFormats formats, ServerLimits limits) {
        this.config = config;
        this.formats = formats;
        this.limits = limits;
    }

    /** A builder with the defaults: the {@code fast} provider, every protocol, {@link ServerLimits#defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** What the server does with each connection once its handshake is complete. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Serves one connection, on that connection's own thread; the connection is closed when this returns. What
         * it throws ends that connection only, and is logged.
         */
        void handle(SecureConnection connection) throws IOException;
    }

    /**
     * Starts serving on {@code host:port}; port 0 picks a free one, which {@link Listening#port()} tells.
     *
     * @throws ProtocolException when the address cannot be bound, e.g. the port is taken
     */
    public Listening listen(String host, int port, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        LOG.info("serving protocols {}", ServerConfig.names(config.protocols()));
        return new Listening(ServerApp.start(host, port, limits, config, formats, (channel, peer) -> {
            try {
                handler.handle(new SecureConnection(channel));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, new LoggedEvents()));
    }

    /** A server that is serving, until closed. */
    public static final class Listening implements AutoCloseable {

        private final ServerApp server;

        private Listening(ServerApp server) {
            this.server = server;
        }

        /** The port it listens on. */
        public int port() {
            return server.port();
        }

        /** Stops accepting, closes every open connection and waits a little for their handlers to end. */
        @Override
        public void close() {
            server.close();
        }
    }

    /** Failures go to the log: a library does not print. */
    private static final class LoggedEvents implements ServerEvents {

        @Override
        public void received(String peer, String message) {
            // Messages go to the handler, not here.
        }

        @Override
        public void failed(String peer, String reason) {
            LOG.info("{}: {}", peer, reason);
        }

        @Override
        public void closed(String peer) {
            LOG.debug("{}: closed", peer);
        }
    }

    /** Collects a server's configuration; {@link #certificate(Path)} and {@link #privateKey(Path)} are required. */
    public static final class Builder extends EndpointBuilder<Builder> {

        private Path certificate;
        private Path privateKey;
        private Set<ProtocolVersion> protocols = EnumSet.allOf(ProtocolVersion.class);
        private ServerLimits limits = ServerLimits.defaults();

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The server's certificate (PEM file), sent to every client. */
        public Builder certificate(Path certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /** The certificate's Ed25519 private key (PKCS#8 PEM file), which signs every handshake. */
        public Builder privateKey(Path privateKey) {
            this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
            return this;
        }

        /**
         * The protocols served (default: all, v1, v2 and tls13); a client of another is refused, with the alert
         * {@code protocol_version} where the protocol has alerts (a TLS client of a server without tls13 is closed).
         * {@code protocols(ProtocolVersion.V2, ProtocolVersion.TLS13)} turns v1 off.
         */
        public Builder protocols(ProtocolVersion protocol, ProtocolVersion... more) {
            this.protocols = EnumSet.of(protocol, more);
            return this;
        }

        /** The longest a whole handshake may take (default 10 s). */
        public Builder handshakeTimeout(Duration timeout) {
            limits = new ServerLimits(limits.maxConnections(), limits.maxHandshakes(),
                    limits.maxConnectionsPerAddress(), limits.maxHandshakesPerAddress(), timeout, limits.idleTimeout());
            return this;
        }

        /**
         * The longest the server waits for each message of a client, and for the client to take each one sent to it
         * (default 30 s).
         */
        public Builder readTimeout(Duration timeout) {
            limits = new ServerLimits(limits.maxConnections(), limits.maxHandshakes(),
                    limits.maxConnectionsPerAddress(), limits.maxHandshakesPerAddress(), limits.handshakeTimeout(),
                    timeout);
            return this;
        }

        /** Connections served at once; more are closed as soon as they come (default 64). */
        public Builder maxConnections(int connections) {
            limits = new ServerLimits(connections, Math.min(limits.maxHandshakes(), connections),
                    limits.maxConnectionsPerAddress(), limits.maxHandshakesPerAddress(), limits.handshakeTimeout(),
                    limits.idleTimeout());
            return this;
        }

        /** Connections served at once from one client address; more from it are closed as they come (default 16). */
        public Builder maxConnectionsPerAddress(int connections) {
            limits = new ServerLimits(limits.maxConnections(), limits.maxHandshakes(), connections,
                    limits.maxHandshakesPerAddress(), limits.handshakeTimeout(), limits.idleTimeout());
            return this;
        }

        /** Handshakes in progress at once from one client address; more from it are closed at once (default 8). */
        public Builder maxHandshakesPerAddress(int handshakes) {
            limits = new ServerLimits(limits.maxConnections(), limits.maxHandshakes(),
                    limits.maxConnectionsPerAddress(), handshakes, limits.handshakeTimeout(), limits.idleTimeout());
            return this;
        }

        /**
         * Reads the certificate and key and makes the server.
         *
         * @throws IllegalStateException when the certificate or the key was not given, or groups or suites were
         *     chosen for a server without tls13
         * @throws IllegalArgumentException when they cannot be read, or the key does not belong to the certificate
         */
        public MinitlsServer build() {
            if (certificate == null || privateKey == null) {
                throw new IllegalStateException("a server needs its certificate and its private key");
            }
            return withEndpoints(endpoints -> new MinitlsServer(
                    endpoints.serverConfig(certificate, privateKey, protocols, observer())
                            .withTls13(tls13(protocols.contains(ProtocolVersion.TLS13))), endpoints.formats(),
                    limits));
        }
    }
}
