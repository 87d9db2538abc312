package dev.minitls.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SocketFrameChannelTest {

    private static final Duration NO_TIMEOUT = Duration.ZERO;

    private Loopback loopback;

    @BeforeEach
    void connect() throws IOException {
        loopback = Loopback.open();
    }

    @AfterEach
    void disconnect() throws IOException {
        loopback.close();
    }

    @Test
    void aLineWrittenOneByteAtATimeArrivesWhole() throws Exception {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);
        byte[] frame = "{\"Seq\": 0, \"Ciphertext\": \"00\"}\n".getBytes(UTF_8);

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeOneByteAtATime(frame));

        assertThat(channel.receive()).isEqualTo(frame);
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void framesSentTogetherAreReceivedOneByOne() throws IOException {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);
        loopback.far().getOutputStream().write("\"aa\"\n\"bb\"\n".getBytes(UTF_8));

        assertThat(text(channel.receive())).isEqualTo("\"aa\"\n");
        assertThat(text(channel.receive())).isEqualTo("\"bb\"\n");
    }

    @Test
    void sendWritesTheWholeFrame() throws IOException {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);
        byte[] frame = ("\"" + "ab".repeat(40_000) + "\"\n").getBytes(UTF_8);

        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readFar(frame.length));
        channel.send(frame);

        assertThat(received.join()).isEqualTo(frame);
    }

    @Test
    void sendRefusesSomethingThatIsNotOneLine() {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);

        assertThatThrownBy(() -> channel.send("\"aa\"".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a frame must end with a newline");
        assertThatThrownBy(() -> channel.send(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a frame must end with a newline");
        assertThatThrownBy(() -> channel.send("a\nb\n".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a frame must not contain a newline before its end");
    }

    @Test
    void sendAllWritesAFlightOfFramesInOrderInOneWrite() throws IOException {
        WriteCountingSocket socket = new WriteCountingSocket(loopback.near());
        SocketFrameChannel channel = new SocketFrameChannel(socket, NO_TIMEOUT, NO_TIMEOUT, 1024);
        String flight = "\"hello\"\n\"certificate\"\n\"finished\"\n";

        channel.sendAll(List.of("\"hello\"\n".getBytes(UTF_8), "\"certificate\"\n".getBytes(UTF_8),
                "\"finished\"\n".getBytes(UTF_8)));

        assertThat(socket.writes).as("writes to the socket").isEqualTo(1);
        assertThat(text(readFar(flight.length()))).isEqualTo(flight);
    }

    @Test
    void sendAllRefusesAFlightWithAFrameThatIsNotOneLineAndSendsNothing() throws IOException {
        WriteCountingSocket socket = new WriteCountingSocket(loopback.near());
        SocketFrameChannel channel = new SocketFrameChannel(socket, NO_TIMEOUT, NO_TIMEOUT, 1024);

        assertThatThrownBy(() -> channel.sendAll(List.of("\"aa\"\n".getBytes(UTF_8), "\"bb\"".getBytes(UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a frame must end with a newline");
        assertThat(socket.writes).as("writes to the socket").isZero();
        channel.send("\"cc\"\n".getBytes(UTF_8));
        assertThat(text(readFar(5))).as("the first bytes the peer gets").isEqualTo("\"cc\"\n");
    }

    @Test
    void aLineOverTheLimitIsFrameTooLong() throws IOException {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 100);
        loopback.far().getOutputStream().write(("x".repeat(200) + "\n").getBytes(UTF_8));

        assertFailure(channel::receive, Failure.FRAME_TOO_LONG, "frame too long: no newline within 100 bytes");
    }

    @Test
    void aLineFarOverTheLimitIsRefusedAfterTakingAtMostTheLimitFromTheSocket() throws Exception {
        int limit = 4096;
        int written = 100 * limit;
        SocketFrameChannel channel = channel(NO_TIMEOUT, limit);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeAndClose("z".repeat(written)));

        assertFailure(channel::receive, Failure.FRAME_TOO_LONG, "frame too long: no newline within 4096 bytes");

        // the channel took at most the limit: everything else is still in the socket for the test to read
        int leftInSocket = loopback.near().getInputStream().readAllBytes().length;
        writer.get(10, TimeUnit.SECONDS);
        assertThat(written - leftInSocket).isLessThanOrEqualTo(limit);
    }

    @Test
    void peerClosingBetweenFramesIsPeerClosed() {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);
        writeAndClose("\"aa\"\n");

        assertThat(text(channel.receive())).isEqualTo("\"aa\"\n");
        assertFailure(channel::receive, Failure.PEER_CLOSED, "connection closed by peer: end of stream");
    }

    @Test
    void peerClosingInsideAFrameIsTruncated() {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);
        writeAndClose("\"aa");

        assertFailure(channel::receive, Failure.TRUNCATED,
                "connection truncated: end of stream after 3 bytes of a frame");
    }

    @Test
    void aSilentPeerIsATimeout() {
        SocketFrameChannel channel = channel(Duration.ofMillis(50), 1024);

        assertFailure(channel::receive, Failure.TIMEOUT,
                "timed out: no complete frame from " + channel.peer() + " within 50 ms");
    }

    @Test
    void aPeerTricklingBytesFasterThanTheTimeoutStillTimesOutOnceTheFrameTakesLonger() throws Exception {
        // 40 bytes, one every 20 ms: each read waits far less than 300 ms, the frame takes well over it
        SocketFrameChannel channel = channel(Duration.ofMillis(300), 1024);
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> trickle("x".repeat(40) + "\n", 20));

        assertFailure(channel::receive, Failure.TIMEOUT,
                "timed out: no complete frame from " + channel.peer() + " within 300 ms");
        channel.close();
        trickle.exceptionally(e -> null).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNewReadTimeoutAppliesToLaterReceives() throws IOException {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);
        channel.setReadTimeout(Duration.ofMillis(50));

        assertFailure(channel::receive, Failure.TIMEOUT,
                "timed out: no complete frame from " + channel.peer() + " within 50 ms");
    }

    @Test
    void aReadTimeoutOfZeroWaitsForEver() throws Exception {
        // 300 ms over a 50 ms timeout that was lifted: the frame arrives
        SocketFrameChannel channel = channel(Duration.ofMillis(50), 1024);
        channel.setReadTimeout(NO_TIMEOUT);
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> trickle("x".repeat(10) + "\n", 30));

        assertThat(text(channel.receive())).isEqualTo("x".repeat(10) + "\n");
        trickle.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNegativeReadTimeoutIsRefused() {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);

        assertThatThrownBy(() -> channel.setReadTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("readTimeout must be between 0 and 2147483647 ms");
    }

    @Test
    void aSendThePeerDoesNotTakeWithinTheWriteTimeoutIsATimeoutAndClosesTheConnection() throws Exception {
        SocketFrameChannel channel = new SocketFrameChannel(loopback.near(), NO_TIMEOUT, Duration.ofMillis(200),
                1024);
        byte[] frame = ("\"" + "ab".repeat(30_000) + "\"\n").getBytes(UTF_8);

        // the far end never reads: the sends fill both ends' socket buffers, then one blocks until its deadline (on
        // a thread of its own: without a deadline the write would block for good, and only closing the socket, as
        // disconnect() does, would end it)
        CompletableFuture<RuntimeException> sending = CompletableFuture.supplyAsync(() -> {
            try {
                while (true) {
                    channel.send(frame);
                }
            } catch (RuntimeException e) {
                return e;
            }
        });

        assertFailure(() -> {
            throw sending.get(10, TimeUnit.SECONDS);
        }, Failure.TIMEOUT, "timed out: send to " + channel.peer() + " not taken by the peer within 200 ms");
        assertThat(loopback.near().isClosed()).as("the connection, closed by the deadline").isTrue();
        assertFailure(() -> channel.send(frame), Failure.IO_ERROR,
                "connection failed: send to " + channel.peer() + " failed: Socket closed");
    }

    @Test
    void aSendThatFailsBeforeItsDeadlineIsAnIoError() {
        SocketFrameChannel channel = new SocketFrameChannel(loopback.near(), NO_TIMEOUT, Duration.ofMinutes(1),
                1024);
        channel.close();

        assertFailure(() -> channel.send("\"aa\"\n".getBytes(UTF_8)), Failure.IO_ERROR,
                "connection failed: send to " + channel.peer() + " failed: Socket closed");
    }

    @Test
    void receivingOnAClosedChannelIsAnIoError() {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);
        channel.close();

        assertFailure(channel::receive, Failure.IO_ERROR,
                "connection failed: receive from " + channel.peer() + " failed: Socket closed");
    }

    @Test
    void sendingOnAClosedChannelIsAnIoError() {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);
        channel.close();

        assertFailure(() -> channel.send("\"aa\"\n".getBytes(UTF_8)), Failure.IO_ERROR,
                "connection failed: send to " + channel.peer() + " failed: Socket closed");
    }

    @Test
    void closeClosesTheSocketAndNeverThrows() {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);

        channel.close();
        channel.close();

        assertThat(loopback.near().isClosed()).isTrue();
    }

    @Test
    void peerIsTheRemoteAddressAndPort() {
        SocketFrameChannel channel = channel(NO_TIMEOUT, 1024);

        assertThat(channel.peer()).isEqualTo("127.0.0.1:" + loopback.far().getLocalPort());
    }

    @Test
    void theSocketBlocksWithoutASocketTimeoutAndNagleIsOff() throws IOException {
        // a socket timeout would cost a poll and a second read whenever the data is not there yet; the deadlines'
        // thread bounds the reads instead
        loopback.near().setSoTimeout(1234);
        channel(Duration.ofSeconds(7), 1024);

        assertThat(loopback.near().getSoTimeout()).isZero();
        assertThat(loopback.near().getTcpNoDelay()).isTrue();
    }

    @Test
    void aReceiveThatTimedOutLeavesTheChannelAbleToSendAndEveryLaterReceiveTimesOut() throws IOException {
        SocketFrameChannel channel = channel(Duration.ofMillis(50), 1024);
        String timedOut = "timed out: no complete frame from " + channel.peer() + " within 50 ms";

        assertFailure(channel::receive, Failure.TIMEOUT, timedOut);
        channel.send("\"bye\"\n".getBytes(UTF_8));
        loopback.far().getOutputStream().write("\"late\"\n".getBytes(UTF_8));

        assertThat(text(readFar(6))).isEqualTo("\"bye\"\n");
        String earlier = "timed out: no complete frame from " + channel.peer() + ": an earlier receive timed out";
        assertFailure(channel::receive, Failure.TIMEOUT, earlier);
        channel.setReadTimeout(NO_TIMEOUT);
        assertFailure(channel::receive, Failure.TIMEOUT, earlier);
    }

    @Test
    void aReadThatShuttingTheInputDoesNotEndIsEndedByClosingTheConnection() {
        // a socket whose input cannot be shut: the deadlines' thread closes the connection a second later
        SocketFrameChannel channel = new SocketFrameChannel(new InputNeverShutSocket(loopback.near()),
                Duration.ofMillis(50), NO_TIMEOUT, 1024);

        assertFailure(channel::receive, Failure.TIMEOUT,
                "timed out: no complete frame from " + channel.peer() + " within 50 ms");
        assertThat(loopback.near().isClosed()).as("the connection, closed by the deadline").isTrue();
    }

    @Test
    void framesThatEachArriveWithinTheTimeoutAreReceivedHoweverLongTheyTakeTogether() throws Exception {
        // six frames 60 ms apart take 360 ms together, each well within 200 ms: the deadline is each frame's own
        SocketFrameChannel channel = channel(Duration.ofMillis(200), 1024);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                OutputStream far = loopback.far().getOutputStream();
                for (int i = 0; i < 6; i++) {
                    Thread.sleep(60);
                    far.write(("\"" + i + "\"\n").getBytes(UTF_8));
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        for (int i = 0; i < 6; i++) {
            assertThat(text(channel.receive())).isEqualTo("\"" + i + "\"\n");
        }
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(5)
    void aShorterReadTimeoutAppliesToTheNextReceiveAtOnce() {
        // were the deadlines' thread to keep looking by the ten minutes it was told first (or by its idle look, 30 s
        // on), this hang guard would end the test
        SocketFrameChannel channel = channel(Duration.ofMinutes(10), 1024);
        channel.setReadTimeout(Duration.ofMillis(50));

        assertFailure(channel::receive, Failure.TIMEOUT,
                "timed out: no complete frame from " + channel.peer() + " within 50 ms");
    }

    @Test
    void anUnconnectedSocketIsAnIoError() {
        assertFailure(() -> new SocketFrameChannel(new Socket(), NO_TIMEOUT, NO_TIMEOUT, 1024), Failure.IO_ERROR,
                "connection failed: cannot use the socket: Socket is not connected");
    }

    @Test
    void badSettingsAreRefusedAndTheSocketIsClosed() {
        assertThatThrownBy(() -> channel(Duration.ofMillis(-1), 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("readTimeout must be between 0 and 2147483647 ms");
        assertThat(loopback.near().isClosed()).isTrue();
    }

    @Test
    void aNegativeWriteTimeoutIsRefusedAndTheSocketIsClosed() {
        assertThatThrownBy(() -> new SocketFrameChannel(loopback.near(), NO_TIMEOUT, Duration.ofMillis(-1), 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("writeTimeout must be between 0 and 2147483647 ms");
        assertThat(loopback.near().isClosed()).isTrue();
    }

    @Test
    void aFrameLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> channel(NO_TIMEOUT, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFrameLength must be at least 1, got 0");
        assertThat(loopback.near().isClosed()).isTrue();
    }

    private SocketFrameChannel channel(Duration readTimeout, int maxFrameLength) {
        return new SocketFrameChannel(loopback.near(), readTimeout, NO_TIMEOUT, maxFrameLength);
    }

    /** Writes {@code text} a byte at a time, {@code pauseMillis} between bytes: a slow peer, not synchronization. */
    private void trickle(String text, long pauseMillis) {
        try {
            OutputStream far = loopback.far().getOutputStream();
            for (byte b : text.getBytes(UTF_8)) {
                Thread.sleep(pauseMillis);
                far.write(b);
                far.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeOneByteAtATime(byte[] frame) {
        try {
            OutputStream far = loopback.far().getOutputStream();
            for (byte b : frame) {
                far.write(b);
                far.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeAndClose(String text) {
        try (OutputStream far = loopback.far().getOutputStream()) {
            far.write(text.getBytes(UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] readFar(int length) {
        try {
            return loopback.far().getInputStream().readNBytes(length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connected socket that counts the writes made to its output stream. */
    private static final class WriteCountingSocket extends DelegatingSocket {

        private int writes;

        WriteCountingSocket(Socket socket) {
            super(socket);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            OutputStream out = super.getOutputStream();
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    writes++;
                    out.write(bytes, offset, length);
                }
            };
        }
    }

    /** A connected socket whose {@link #shutdownInput()} does nothing, as on a system where it wakes no read. */
    private static final class InputNeverShutSocket extends DelegatingSocket {

        InputNeverShutSocket(Socket socket) {
            super(socket);
        }

        @Override
        public void shutdownInput() {
            // wakes nobody
        }
    }

    /** A connected socket standing for another, for a test to change one of its calls. */
    private abstract static class DelegatingSocket extends Socket {

        private final Socket socket;

        DelegatingSocket(Socket socket) {
            this.socket = socket;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return socket.getInputStream();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return socket.getOutputStream();
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            socket.setSoTimeout(timeout);
        }

        @Override
        public void setTcpNoDelay(boolean on) throws SocketException {
            socket.setTcpNoDelay(on);
        }

        @Override
        public InetAddress getInetAddress() {
            return socket.getInetAddress();
        }

        @Override
        public int getPort() {
            return socket.getPort();
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static void assertFailure(ThrowingCallable call, Failure failure, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(failure))
                .hasMessage(message);
    }

    private static String text(byte[] frame) {
        return new String(frame, UTF_8);
    }
}
