package dev.minitls.cli.app;

import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.transport.tcp.TcpConnector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The client: connects, runs the client handshake, and sends each message as one record. */
public final class ClientApp {

    /** How long to wait for the connection and for each message from the server. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ClientApp() {
    }

    /** Connects to {@code host:port} and completes the handshake. */
    public static SecureChannel connect(String host, int port, ClientConfig config, MessageCodec codec) {
        return ClientHandshake.connect(TcpConnector.connect(host, port, TIMEOUT, TIMEOUT), codec, config);
    }

    /** Sends one text message as one record. */
    public static void send(SecureChannel channel, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            channel.send(bytes);
        } catch (IllegalArgumentException e) {
            throw new UserError("message not sent: " + e.getMessage());
        }
    }
}
