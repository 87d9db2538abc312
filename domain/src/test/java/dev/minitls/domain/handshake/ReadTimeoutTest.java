package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.FORMATS;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A session in which nothing arrives within the transport's read timeout (an idle client, as the server sees it):
 * the side that timed out reports {@code TIMEOUT} and ends the session itself. The peer did nothing wrong, so it gets
 * no error alert: in v2 a close_notify, which it sees as a clean end, and in v1 a closed connection, which is v1's
 * clean end.
 */
class ReadTimeoutTest {

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void aReadThatTimesOutEndsTheSessionCleanlyForThePeer(ProtocolVersion protocol) throws Exception {
        FakeTransport transport = FakeTransport.pair();
        TimesOut serverConnection = new TimesOut(transport.server());
        CompletableFuture<SecureChannel> accepting = CompletableFuture.supplyAsync(
                () -> ServerHandshake.accept(serverConnection, FORMATS, Handshakes.serverConfig()));
        SecureChannel client = ClientHandshake.connect(transport.client(), FORMATS,
                Handshakes.clientConfig(protocol, PKI.root(), HandshakeObserver.NONE));
        SecureChannel server = accepting.get(FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS);
        client.send("before the pause".getBytes(StandardCharsets.UTF_8));
        assertThat(server.receive()).hasValue("before the pause".getBytes(StandardCharsets.UTF_8));
        int sentBeforeTimeout = transport.server().sentFrames().size();

        serverConnection.timingOut = true;
        Throwable timeout = catchThrowable(server::receive);

        assertThat(timeout).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT));
        assertThat(transport.server().isClosed()).as("the server's connection is closed").isTrue();
        assertThat(transport.server().sentFrames()).as("what the server sent after the timeout")
                .hasSize(sentBeforeTimeout + (protocol == ProtocolVersion.V2 ? 1 : 0));
        assertThat(client.receive()).as("the client sees a clean end").isEmpty();
    }

    /** A connection whose reads fail with {@code TIMEOUT} once {@link #timingOut} is set, as a socket's would. */
    private static final class TimesOut implements FrameChannel {

        private final FrameChannel delegate;
        private volatile boolean timingOut;

        TimesOut(FrameChannel delegate) {
            this.delegate = delegate;
        }

        @Override
        public void send(byte[] frame) {
            delegate.send(frame);
        }

        @Override
        public byte[] receive() {
            if (timingOut) {
                throw new ProtocolException(Failure.TIMEOUT, "no complete frame within the read timeout");
            }
            return delegate.receive();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public String peer() {
            return delegate.peer();
        }
    }
}
