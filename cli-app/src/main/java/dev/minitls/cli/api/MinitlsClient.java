package dev.minitls.cli.api;

import dev.minitls.cli.runtime.ClientApp;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.transport.tcp.SocketFrameChannel;
import dev.minitls.transport.tcp.TcpConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A minitls client, configured once, that opens {@link SecureConnection}s: the counterpart of an
 * {@code SSLSocketFactory}. It trusts the Root CA certificates of one PEM file, checks that the server's chain
 * ends at one of them and that the server's certificate carries the name of the host it connects to, as
 * {@code HttpsURLConnection} does, or the one {@link Builder#serverName} names; it speaks one protocol (v2 by
 * default, v1, or real TLS 1.3: {@code protocol(ProtocolVersion.TLS13)}) and never falls back to another.
 *
 * <pre>{@code
 * MinitlsClient client = MinitlsClient.builder()
 *         .trustAnchor(Path.of("certs/root_ca_certificate.pem"))
 *         .build();
 * try (SecureConnection connection = client.connect("example-server", 9914)) { ... }
 * }</pre>
 */
public final class MinitlsClient {

    private final Function<String, ClientConfig> configForHost;
    private final ProtocolVersion protocol;
    private final WireFormats formats;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration handshakeTimeout;

    private MinitlsClient(Function<String, ClientConfig> configForHost, WireFormats formats, Builder builder) {
        this.configForHost = configForHost;
        this.protocol = builder.protocol;
        this.formats = formats;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.writeTimeout = builder.writeTimeout;
        this.handshakeTimeout = builder.handshakeTimeout;
    }

    /**
     * A builder with the defaults: protocol v2, the {@code fast} provider, the name of the host connected to as the
     * server's name, 10 s timeouts (for the connection, each frame received, each frame sent and the whole
     * handshake).
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to {@code host:port} and completes the handshake. The server's certificate must carry the name set by
     * {@link Builder#serverName}, or else {@code host} itself.
     *
     * @throws ProtocolException when the connection cannot be made or the handshake fails, saying why (e.g.
     *     {@code certificate rejected: not signed by the trusted root CA})
     * @throws IllegalArgumentException when no name was set and {@code host} is blank
     */
    public SecureConnection connect(String host, int port) {
        ClientConfig config = configForHost.apply(host);
        SocketFrameChannel connection = TcpConnector.connect(host, port, connectTimeout, readTimeout, writeTimeout);
        return new SecureConnection(ClientApp.handshake(connection, handshakeTimeout, config, formats));
    }

    /** The protocol this client speaks. */
    public ProtocolVersion protocol() {
        return protocol;
    }

    /** Collects a client's configuration; {@link #trustAnchor(Path)} is required. */
    public static final class Builder extends EndpointBuilder<Builder> {

        private Path trustAnchor;
        private String serverName;
        private ProtocolVersion protocol = ProtocolVersion.V2;
        private Duration connectTimeout = ClientApp.TIMEOUT;
        private Duration readTimeout = ClientApp.TIMEOUT;
        private Duration writeTimeout = ClientApp.TIMEOUT;
        private Duration handshakeTimeout = ClientApp.TIMEOUT;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The Root CA certificates (a PEM file of one or more), one of which must end the server's chain. */
        public Builder trustAnchor(Path rootCertificate) {
            this.trustAnchor = Objects.requireNonNull(rootCertificate, "rootCertificate");
            return this;
        }

        /**
         * The name the server's certificate must carry, sent in the ClientHello, when it is not the host connected
         * to (by default, the host given to {@link MinitlsClient#connect} is the name checked).
         */
        public Builder serverName(String serverName) {
            this.serverName = Objects.requireNonNull(serverName, "serverName");
            return this;
        }

        /**
         * The protocol to speak: {@link ProtocolVersion#V2} (the default), the original {@code V1}, or {@code TLS13},
         * TLS 1.3 as RFC 8446 puts it on the wire (the three suites; Ed25519, ECDSA P-256 and RSA certificates and
         * chains).
         */
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

        /**
         * Reads the trust anchor and makes the client.
         *
         * @throws IllegalStateException when no trust anchor was given, or groups or suites were chosen for a
         *     protocol other than TLS 1.3
         * @throws IllegalArgumentException when the trust anchor cannot be read or used, or the name set is blank
         */
        public MinitlsClient build() {
            if (trustAnchor == null) {
                throw new IllegalStateException("a trust anchor (the Root CA certificate) is required");
            }
            Tls13Settings settings = tls13(protocol == ProtocolVersion.TLS13);
            return withEndpoints(endpoints -> {
                List<Certificate> roots = endpoints.trustAnchors(trustAnchor);
                Function<String, ClientConfig> configForHost = host -> endpoints.clientConfig(roots, host, protocol,
                        observer()).withTls13(settings);
                if (serverName != null) {
                    ClientConfig named = configForHost.apply(serverName);
                    configForHost = host -> named;
                }
                return new MinitlsClient(configForHost, endpoints.formats(), this);
            });
        }

        private static Duration nonNegative(Duration timeout, String name) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + timeout);
            }
            return timeout;
        }
    }
}
