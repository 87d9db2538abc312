package dev.minitls.transport.tcp;

import static dev.minitls.transport.tcp.SocketFrameChannelTest.assertFailure;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minitls.domain.error.Failure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    void aConnectionNotMadeWithinTheConnectTimeoutIsAnIoErrorSayingSo() throws IOException {
        // a listener that never accepts, its queue full: the kernel leaves further connection requests unanswered,
        // so a connect waits until its deadline closes the socket
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, Loopback.ADDRESS)) {
            int port = full.getLocalPort();
            assertThat(fillQueue(port, queued)).as("the listener's queue filled up").isTrue();

            assertFailure(() -> TcpConnector.connect("127.0.0.1", port, Duration.ofMillis(100), FIVE_SECONDS,
                    FIVE_SECONDS), Failure.IO_ERROR,
                    "connection failed: cannot connect to 127.0.0.1:" + port + ": no connection within 100 ms");
        } finally {
            queued.forEach(Sockets::closeQuietly);
        }
    }

    /** Connects to {@code port} until a connection is left unanswered; false if none was within eight tries. */
    private static boolean fillQueue(int port, List<Socket> queued) throws IOException {
        for (int i = 0; i < 8; i++) {
            Socket filler = new Socket();
            queued.add(filler);
            try {
                filler.connect(new InetSocketAddress(Loopback.ADDRESS, port), 200);
            } catch (SocketTimeoutException unanswered) {
                return true;
            } catch (ConnectException refused) {
                assumeTrue(false, "this system refuses connections to a full listener instead of leaving them"
                        + " unanswered: " + refused.getMessage());
            }
        }
        return false;
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
