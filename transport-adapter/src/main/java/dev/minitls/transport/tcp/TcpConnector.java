package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** The client side: opens a TCP connection and hands it over as a {@link SocketFrameChannel}. */
public final class TcpConnector {

    private TcpConnector() {
    }

    /**
     * Connects to {@code host:port}.
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
            throw new ProtocolException(Failure.IO_ERROR, "cannot connect to " + host + ":" + port + ": unknown host");
        }
        Socket socket = new Socket();
        try {
            socket.connect(address, connectMillis);
        } catch (IOException e) {
            Sockets.closeQuietly(socket);
            throw new ProtocolException(Failure.IO_ERROR,
                    "cannot connect to " + host + ":" + port + ": " + Sockets.describe(e));
        }
        return new SocketFrameChannel(socket, readTimeout, writeTimeout,
                SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH);
    }
}
