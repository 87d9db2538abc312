package dev.minitls.cli.api;

import com.google.inject.Guice;
import dev.minitls.cli.app.ClientApp;
import dev.minitls.cli.app.Endpoints;
import dev.minitls.cli.app.UserError;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.RuntimeModule;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.tcp.SocketFrameChannel;
import dev.minitls.transport.tcp.TcpConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A minitls client, configured once, that opens {@link SecureConnection}s: the counterpart of an
 * {@code SSLSocketFactory}. It trusts one Root CA certificate and expects the server's certificate to carry one
 * name; it speaks one protocol and never falls back to another.
 *
 * <pre>{@code
 * MinitlsClient client = MinitlsClient.builder()
 *         .trustAnchor(Path.of("certs/root_ca_certificate.pem"))
 *         .serverName("example-server")
 *         .build();
 * try (SecureConnection connection = client.connect("localhost", 9914)) { ... }
 * }</pre>
 */
public final class MinitlsClient {

    private final ClientConfig config;
    private final WireFormats formats;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration handshakeTimeout;

    private MinitlsClient(ClientConfig config, WireFormats formats, Builder builder) {
        this.config = config;
        this.formats = formats;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.writeTimeout = builder.writeTimeout;
        this.handshakeTimeout = builder.handshakeTimeout;
    }

    /**
     * A builder with the defaults: protocol v2, the {@code fast} provider, server name {@code example-server}, 10 s
     * timeouts (for the connection, each frame received, each frame sent and the whole handshake).
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to {@code host:port} and completes the handshake.
     *
     * @throws ProtocolException when the connection cannot be made or the handshake fails, saying why (e.g.
     *     {@code certificate rejected: not signed by the trusted root CA})
     */
    public SecureConnection connect(String host, int port) {
        SocketFrameChannel connection = TcpConnector.connect(host, port, connectTimeout, readTimeout, writeTimeout);
        return new SecureConnection(ClientApp.handshake(connection, handshakeTimeout, config, formats));
    }

    /** The protocol this client speaks. */
    public ProtocolVersion protocol() {
        return config.protocol();
    }

    /** Collects a client's configuration; {@link #trustAnchor(Path)} is required. */
    public static final class Builder {

        private Path trustAnchor;
        private String serverName = "example-server";
        private CryptoChoice provider = CryptoChoice.byDefault();
        private ProtocolVersion protocol = ProtocolVersion.V2;
        private Duration connectTimeout = ClientApp.TIMEOUT;
        private Duration readTimeout = ClientApp.TIMEOUT;
        private Duration writeTimeout = ClientApp.TIMEOUT;
        private Duration handshakeTimeout = ClientApp.TIMEOUT;
        private HandshakeObserver observer = HandshakeObserver.NONE;

        private Builder() {
        }

        /** The Root CA certificate (PEM file) that must have signed the server's certificate. */
        public Builder trustAnchor(Path rootCertificate) {
            this.trustAnchor = Objects.requireNonNull(rootCertificate, "rootCertificate");
            return this;
        }

        /** The name the server's certificate must carry, sent in the ClientHello. */
        public Builder serverName(String serverName) {
            this.serverName = Objects.requireNonNull(serverName, "serverName");
            return this;
        }

        /**
         * The crypto provider: {@code fast} (the default: X25519 and Ed25519 from Bouncy Castle, the rest from the
         * JDK), Bouncy Castle ({@code bc}) or the JDK's own ({@code jca}).
         */
        public Builder provider(CryptoChoice provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The protocol to speak: {@link ProtocolVersion#V2} (the default) or the original {@code V1}. */
        public Builder protocol(ProtocolVersion protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** How long to wait for the TCP connection; {@link Duration#ZERO} for the system's limit. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = nonNegative(timeout, "connectTimeout");
            return this;
        }

        /** How long each frame may take to arrive, in the handshake and after it; {@link Duration#ZERO} for ever. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = nonNegative(timeout, "readTimeout");
            return this;
        }

        /**
         * How long each send may wait for the server to take the record, in the handshake and after it; past it the
         * connection is closed ({@code TIMEOUT}). {@link Duration#ZERO} for ever.
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = nonNegative(timeout, "writeTimeout");
            return this;
        }

        /**
         * The longest the whole handshake may take, however the server paces its frames (each within the read
         * timeout); past it the connection is closed ({@code TIMEOUT}).
         */
        public Builder handshakeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("handshakeTimeout must be at least 1 ms, got " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /** Told of every step of every handshake and record, secrets included (see the {@code trace} package). */
        public Builder observer(HandshakeObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Reads the trust anchor and makes the client.
         *
         * @throws IllegalStateException when no trust anchor was given
         * @throws IllegalArgumentException when the trust anchor cannot be read or used, or the name is blank
         */
        public MinitlsClient build() {
            if (trustAnchor == null) {
                throw new IllegalStateException("a trust anchor (the Root CA certificate) is required");
            }
            Endpoints endpoints = Guice.createInjector(provider.module(), new RuntimeModule())
                    .getInstance(Endpoints.class);
            try {
                return new MinitlsClient(endpoints.clientConfig(trustAnchor, serverName, protocol, observer),
                        endpoints.formats(), this);
            } catch (UserError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        private static Duration nonNegative(Duration timeout, String name) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + timeout);
            }
            return timeout;
        }
    }
}
