package dev.minitls.cli.support;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.tcp.SocketFrameChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;

/**
 * A real server for one connection on the loopback that sends each frame of its handshake only after a pause: each
 * frame comes well within a client's read timeout, the whole handshake does not.
 */
public final class SlowServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Thread thread;

    private SlowServer(ServerSocket listener, ServerConfig config, Duration pace) {
        this.listener = listener;
        this.thread = new Thread(() -> serve(config, pace), "slow-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Serves one connection with the server certificate and key of {@code files}, {@code pace} before each frame. */
    public static SlowServer start(PkiFiles files, Duration pace) {
        Endpoints endpoints = new Endpoints(Providers.of(CryptoChoice.bc), new SecureRandomSource(), Clock.systemUTC(),
                LiveServer.FORMATS);
        try {
            return new SlowServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()),
                    endpoints.serverConfig(files, EnumSet.allOf(ProtocolVersion.class), HandshakeObserver.NONE), pace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void serve(ServerConfig config, Duration pace) {
        try (Socket socket = listener.accept()) {
            SocketFrameChannel connection = new SocketFrameChannel(socket, Subprocess.PATIENCE, Subprocess.PATIENCE,
                    SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH);
            ServerHandshake.accept(new ForwardingFrameChannel(connection) {
                @Override
                public void send(byte[] frame) {
                    try {
                        Thread.sleep(pace.toMillis()); // a slow server, not synchronization
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.send(frame);
                }
            }, LiveServer.FORMATS, config).close();
        } catch (IOException | ProtocolException e) {
            // the client gave up, or close() stopped this server
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        thread.interrupt();
    }
}
