package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.tcp.SocketFrameChannel;
import dev.minitls.transport.tcp.TcpConnector;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Any TLS 1.3 server, wherever it runs, loaded by minitls's tls13 client with the chosen suite and group: full
 * handshakes (the client keeps no session to resume), or one session against an echo server for bulk and echo.
 * Bulk reads and drops the echoes on a thread of its own, so that the server never blocks on a full socket. An
 * empty record is never sent: {@code --size 0} measures the handshake alone, against a server that does not echo
 * (such as {@code openssl s_server}).
 */
final class ConnectTarget implements Target {

    /** How long to wait for the connection, the handshake, each read and each write; generous for a loaded server. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final CryptoProvider crypto;
    private final ClientConfig config;
    private final Tls13Settings settings;
    private final BenchResult.Setup setup;
    private final Behaviour behaviour;

    /** A client of {@code host:port} that trusts {@code roots} and checks that the server is {@code serverName}. */
    ConnectTarget(Endpoints endpoints, String host, int port, List<Certificate> roots, String serverName,
            Algorithms algorithms, Behaviour behaviour) {
        this.host = host;
        this.port = port;
        this.crypto = endpoints.crypto();
        this.config = endpoints.clientConfig(roots, serverName, ProtocolVersion.TLS13, HandshakeObserver.NONE);
        this.settings = algorithms.settings();
        this.setup = new BenchResult.Setup(algorithms.suite().name(), algorithms.group().name(), "server's");
        this.behaviour = behaviour;
    }

    @Override
    public String impl() {
        return "minitls";
    }

    @Override
    public String protocol() {
        return ProtocolVersion.TLS13.toString();
    }

    @Override
    public String provider() {
        return crypto.name();
    }

    @Override
    public Optional<BenchResult.Setup> setup() {
        return Optional.of(setup);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Session connect() {
        SocketFrameChannel connection = TcpConnector.connect(host, port, TIMEOUT, TIMEOUT, TIMEOUT);
        SecureSession session = Tls13ClientHandshake.connect(SocketTls13Records.client(connection.socket(), crypto),
                config, settings);
        return behaviour == Behaviour.SINK ? new StreamingSession(session) : new EchoSession(session);
    }

    /** None: the client keeps no session, every handshake is full. */
    @Override
    public long resumedHandshakes() {
        return 0;
    }

    /** Unknown: the server is not in this process; a connection it fails fails the client too. */
    @Override
    public long serverFailures() {
        return 0;
    }

    /** Nothing to stop: the server is someone else's. */
    @Override
    public void close() {
    }

    /** Sends {@code data} as one record; an empty one (a handshake-only run) sends nothing. */
    private static void sendUnlessEmpty(SecureSession channel, byte[] data) {
        if (data.length > 0) {
            channel.send(data);
        }
    }

    /** Each record and its echo in turn, on the caller's thread. */
    private record EchoSession(SecureSession channel) implements Session {

        @Override
        public void send(byte[] data) {
            sendUnlessEmpty(channel, data);
        }

        @Override
        public void receiveEcho(int length) {
            int left = length;
            while (left > 0) {
                Optional<byte[]> record = channel.receive();
                if (record.isEmpty() || record.get().length > left) {
                    throw new IllegalStateException("expected " + left + " more bytes back, got "
                            + record.map(r -> r.length + " bytes").orElse("the end of the session"));
                }
                left -= record.get().length;
            }
        }

        @Override
        public void drain() {
            throw new UnsupportedOperationException("an echo session is not drained");
        }

        @Override
        public void close() {
            channel.close();
        }
    }

    /**
     * Records streamed one way, their echoes read and dropped on a thread of the session's own; the end of the
     * stream is the client's close_notify, and the stream is drained once the server answered with its own.
     */
    private static final class StreamingSession implements Session {

        private final SecureSession channel;
        private final CompletableFuture<Long> echoed = new CompletableFuture<>();

        StreamingSession(SecureSession channel) {
            this.channel = channel;
            Thread reader = new Thread(() -> {
                try {
                    long bytes = 0;
                    for (Optional<byte[]> record = channel.receive(); record.isPresent(); record = channel.receive()) {
                        bytes += record.get().length;
                    }
                    echoed.complete(bytes);
                } catch (RuntimeException e) {
                    echoed.completeExceptionally(e);
                }
            }, "minitls-bench-connect-reader");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void send(byte[] data) {
            sendUnlessEmpty(channel, data);
        }

        @Override
        public void receiveEcho(int length) {
            throw new UnsupportedOperationException("a streaming session's echoes are read by its own thread");
        }

        @Override
        public void drain() {
            channel.closeOutbound();
            try {
                echoed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("the server did not end the stream within " + TIMEOUT.toSeconds()
                        + " s of the client's close_notify");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while draining the stream", e);
            }
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
