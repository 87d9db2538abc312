package dev.minitls.cli.app;

import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.transport.tcp.TcpServer;
import dev.minitls.transport.tcp.TcpServerOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The server: a TCP listener whose every connection runs the server handshake and then prints each decrypted
 * message with the client's address. A connection that fails is reported in one line and closed; the others go on.
 */
public final class ServerApp implements AutoCloseable {

    private final TcpServer tcp;

    private ServerApp(TcpServer tcp) {
        this.tcp = tcp;
    }

    /**
     * Starts listening on {@code host:port} (port 0 picks a free one) and serves until closed. With {@code echo},
     * each message of a v2 client is sent back to it (v1 is one-way, as the original program).
     */
    public static ServerApp start(String host, int port, ServerConfig config, WireFormats formats, boolean echo,
            ServerEvents events) {
        return new ServerApp(TcpServer.start(TcpServerOptions.defaults(host, port),
                channel -> serve(channel, config, formats, echo, events)));
    }

    /** What the server reports about each connection. Called from the connection's thread. */
    public interface ServerEvents {

        void received(String peer, String message);

        void failed(String peer, String reason);

        /** The connection ended, after success or failure. */
        void closed(String peer);

        /** Prints messages on {@code out} and failures on {@code err}, one line each. */
        static ServerEvents printingTo(PrintStream out, PrintStream err) {
            return new ServerEvents() {
                @Override
                public void received(String peer, String message) {
                    out.println("[" + peer + "] " + message);
                }

                @Override
                public void failed(String peer, String reason) {
                    err.println("[" + peer + "] " + reason);
                }

                @Override
                public void closed(String peer) {
                }
            };
        }
    }

    /** The port the server listens on. */
    public int port() {
        return tcp.port();
    }

    private static void serve(FrameChannel connection, ServerConfig config, WireFormats formats, boolean echo,
            ServerEvents events) {
        String peer = connection.peer();
        try (SecureChannel channel = ServerHandshake.accept(connection, formats, config)) {
            boolean echoing = echo && channel.protocol() == ProtocolVersion.V2;
            for (Optional<byte[]> message = channel.receive(); message.isPresent(); message = channel.receive()) {
                events.received(peer, Printable.of(new String(message.get(), StandardCharsets.UTF_8)));
                if (echoing) {
                    channel.send(message.get());
                }
            }
        } catch (ProtocolException e) {
            events.failed(peer, e.getMessage());
        } catch (RuntimeException e) {
            events.failed(peer, "internal error: " + e);
        } finally {
            events.closed(peer);
        }
    }

    @Override
    public void close() {
        tcp.close();
    }
}
