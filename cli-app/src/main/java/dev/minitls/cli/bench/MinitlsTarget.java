package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.tcp.SocketFrameChannel;
import dev.minitls.transport.tcp.TcpConnector;
import dev.minitls.transport.tcp.TcpServer;
import dev.minitls.transport.tcp.TcpServerOptions;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * minitls on both ends, configured by the {@link Endpoints} the {@code server} and {@code client} commands use (the
 * chosen provider, the OS's randomness, the JSON-lines codecs): a {@link TcpServer} on loopback and
 * {@link ClientHandshake} clients; in tls13, {@link Tls13ServerHandshake} and {@link Tls13ClientHandshake} over
 * {@link SocketTls13Records}, both sides with the one suite and group of the {@link Algorithms}.
 */
final class MinitlsTarget implements Target {

    /** Long enough for an idle session to outlive any benchmark. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final byte[] END_OF_STREAM = new byte[0];

    private final CryptoProvider crypto;
    private final ProtocolVersion protocol;
    private final WireFormats formats;
    private final ServerConfig serverConfig;
    private final ClientConfig clientConfig;
    private final Tls13Settings tls13;
    private final Optional<BenchResult.Setup> setup;
    private final Behaviour behaviour;
    private final AtomicLong failures = new AtomicLong();
    private final TcpServer server;

    /** Starts the server; {@code maxConnections} bounds the sessions it serves at once. */
    MinitlsTarget(Endpoints endpoints, ProtocolVersion protocol, Algorithms algorithms, BenchPki pki,
            Behaviour behaviour, int maxConnections) {
        this.crypto = endpoints.crypto();
        this.protocol = protocol;
        this.formats = endpoints.formats();
        this.serverConfig = endpoints.serverConfig(pki.serverCertificatePem(), pki.serverPrivateKeyPem(),
                EnumSet.of(protocol), HandshakeObserver.NONE);
        this.clientConfig = endpoints.clientConfig(
                crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, pki.rootCertificatePem())),
                BenchPki.SERVER_NAME, protocol, HandshakeObserver.NONE);
        this.tls13 = algorithms.settings();
        this.setup = protocol.jsonLines() ? Optional.empty() : Optional.of(algorithms.setup());
        this.behaviour = behaviour;
        this.server = TcpServer.start(new TcpServerOptions("127.0.0.1", 0, maxConnections, maxConnections, TIMEOUT,
                SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH, Duration.ofSeconds(5)), this::serve);
    }

    @Override
    public String impl() {
        return "minitls";
    }

    @Override
    public String protocol() {
        return protocol.toString();
    }

    @Override
    public String provider() {
        return crypto.name();
    }

    @Override
    public Optional<BenchResult.Setup> setup() {
        return setup;
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public Session connect() {
        SocketFrameChannel connection = TcpConnector.connect("127.0.0.1", port(), TIMEOUT, TIMEOUT, TIMEOUT);
        return new MinitlsSession(protocol.jsonLines()
                ? ClientHandshake.connect(connection, formats, clientConfig)
                : Tls13ClientHandshake.connect(SocketTls13Records.client(connection.socket(), crypto), clientConfig,
                        tls13));
    }

    /** None: minitls has no resumption, every handshake is full. */
    @Override
    public long resumedHandshakes() {
        return 0;
    }

    @Override
    public long serverFailures() {
        return failures.get();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The server's side of a session: the handshake, then every record echoed or dropped. */
    private void serve(SocketFrameChannel connection) {
        try (SecureSession channel = protocol.jsonLines()
                ? ServerHandshake.accept(connection, formats, serverConfig)
                : Tls13ServerHandshake.accept(SocketTls13Records.server(connection.socket(), crypto), serverConfig,
                        tls13)) {
            for (Optional<byte[]> record = channel.receive(); record.isPresent(); record = channel.receive()) {
                if (behaviour == Behaviour.ECHO || record.get().length == 0) {
                    channel.send(record.get());
                }
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
        }
    }

    /**
     * A client session. The end of a stream: in v1 and v2 an empty record, which the sinking server answers; in
     * tls13 the client's close_notify, which the server answers with its own once it has read everything.
     */
    private record MinitlsSession(SecureSession channel) implements Session {

        @Override
        public void send(byte[] data) {
            channel.send(data);
        }

        @Override
        public void receiveEcho(int length) {
            Optional<byte[]> record = channel.receive();
            if (record.isEmpty() || record.get().length != length) {
                throw new IllegalStateException("expected " + length + " bytes back, got "
                        + record.map(r -> r.length + " bytes").orElse("the end of the session"));
            }
        }

        @Override
        public void drain() {
            if (channel.protocol().jsonLines()) {
                channel.send(END_OF_STREAM);
                receiveEcho(0);
                return;
            }
            channel.closeOutbound();
            Optional<byte[]> record = channel.receive();
            if (record.isPresent()) {
                throw new IllegalStateException("expected the end of the session, got " + record.get().length
                        + " bytes");
            }
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
