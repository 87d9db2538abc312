package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.time.Duration;

/** The client side: opens a TCP connection and hands it over as a {@link SocketFrameChannel}. */
public final class TcpConnector {

    private TcpConnector() {
    }

    /**
     * Connects to {@code host:port}, directly: the JVM's proxy settings ({@code socksProxyHost}) are not used.
     *
     * @param connectTimeout how long to wait for the connection, {@link Duration#ZERO} for the system's limit
     * @param readTimeout how long each receive waits for a whole frame, {@link Duration#ZERO} for ever
     * @param writeTimeout how long each send waits for the peer to take it, {@link Duration#ZERO} for ever
     * @return a channel with the default frame limit, {@link SocketFrameChannel#DEFAULT_MAX_FRAME_LENGTH}
     * @throws ProtocolException with {@code IO_ERROR} when the host is unknown or the connection cannot be made,
     *     e.g. {@code cannot connect to localhost:9914: Connection refused}
     */
    public static SocketFrameChannel connect(String host, int port, Duration connectTimeout, Duration readTimeout,
            Duration writeTimeout) {
        int connectMillis = Sockets.millis(connectTimeout, "connectTimeout");
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw cannotConnect(host, port, "unknown host");
        }
        // Direct, never through a proxy the JVM's settings name: the peer is the one the user gave. The connect blocks
        // (one system call, where a socket's own connect timeout costs six), and a deadline ends it by closing the
        // socket.
        Socket socket = new Socket(Proxy.NO_PROXY);
        Deadline deadline = null;
        try {
            // Makes the socket's descriptor first (setting the timeout is no system call): a deadline that closed the
            // socket before connect made it would close nothing, and leave the connect unbounded.
            socket.setSoTimeout(0);
            deadline = connectMillis == 0 ? null : Deadline.start(connectTimeout, () -> Sockets.closeQuietly(socket));
            socket.connect(address);
        } catch (IOException e) {
            Sockets.closeQuietly(socket);
            if (!expired(deadline)) {
                throw cannotConnect(host, port, Sockets.describe(e));
            }
        }
        if (expired(deadline)) {
            // The deadline closed the socket: the connect failed for it, or succeeded just too late.
            throw cannotConnect(host, port, "no connection within " + connectMillis + " ms");
        }
        return new SocketFrameChannel(socket, readTimeout, writeTimeout,
                SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH);
    }

    /** Whether {@code deadline} (null: none) came before the connect ended; stops it otherwise (asked again: same). */
    private static boolean expired(Deadline deadline) {
        return deadline != null && !deadline.stop();
    }

    private static ProtocolException cannotConnect(String host, int port, String why) {
        return new ProtocolException(Failure.IO_ERROR, "cannot connect to " + host + ":" + port + ": " + why);
    }
}
