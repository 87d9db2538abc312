package dev.minitls.transport.tcp;

import static dev.minitls.transport.tcp.SocketFrameChannelTest.assertFailure;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpConnectorTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void connectsAndCarriesFramesBothWays() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, Loopback.ADDRESS);
                SocketFrameChannel client = TcpConnector.connect("127.0.0.1", listener.getLocalPort(),
                        FIVE_SECONDS, Duration.ofSeconds(3), FIVE_SECONDS);
                Socket server = listener.accept()) {
            client.send("\"01\"\n".getBytes(UTF_8));
            assertThat(server.getInputStream().readNBytes(5)).isEqualTo("\"01\"\n".getBytes(UTF_8));

            server.getOutputStream().write("\"02\"\n".getBytes(UTF_8));
            assertThat(client.receive()).isEqualTo("\"02\"\n".getBytes(UTF_8));
            assertThat(client.peer()).isEqualTo("127.0.0.1:" + listener.getLocalPort());
        }
    }

    @Test
    void theReadTimeoutReachesTheChannel() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, Loopback.ADDRESS);
                SocketFrameChannel client = TcpConnector.connect("127.0.0.1", listener.getLocalPort(),
                        FIVE_SECONDS, Duration.ofMillis(20), FIVE_SECONDS)) {
            assertFailure(client::receive, Failure.TIMEOUT,
                    "timed out: no complete frame from " + client.peer() + " within 20 ms");
        }
    }

    @Test
    void aRefusedConnectionIsAnIoErrorNamingTheAddress() throws IOException {
        try (Socket closed = Loopback.closedPort()) {
            int port = closed.getLocalPort();

            assertFailure(() -> TcpConnector.connect("127.0.0.1", port, FIVE_SECONDS, FIVE_SECONDS, FIVE_SECONDS),
                    Failure.IO_ERROR,
                    "connection failed: cannot connect to 127.0.0.1:" + port + ": Connection refused");
        }
    }

    @Test
    void anUnknownHostIsAnIoError() {
        assertFailure(() -> TcpConnector.connect("no-such-host.invalid", 9914, FIVE_SECONDS, FIVE_SECONDS,
                FIVE_SECONDS),
                Failure.IO_ERROR, "connection failed: cannot connect to no-such-host.invalid:9914: unknown host");
    }

    @Test
    void aNegativeConnectTimeoutIsRefused() {
        assertThatThrownBy(() -> TcpConnector.connect("127.0.0.1", 9914, Duration.ofSeconds(-1), FIVE_SECONDS,
                FIVE_SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("connectTimeout must be between 0 and 2147483647 ms");
    }
}
