package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.testing.FakeTransport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One thread closes a session while another is inside {@code receive()} with a record it has already read. Closing
 * destroys the record keys, so the record can no longer be opened: the receiver is told that the session was closed
 * by this side, as any receive after a close is, never that a key was destroyed. The receiver is held between
 * reading the record and opening it until the close is over, so the interleaving happens on every run. A key
 * destroyed while the session was not closed by this side is a bug, and stays an {@link IllegalStateException}.
 */
class CloseWhileReceivingTest {

    static Stream<VersionPolicy> policies() {
        return Stream.of(PolicyV1.INSTANCE, PolicyV2.INSTANCE);
    }

    @ParameterizedTest
    @MethodSource("policies")
    void aReceiveWhoseKeyWasDestroyedByThisSidesCloseEndsAsAClosedSession(VersionPolicy policy) throws Exception {
        FakeTransport transport = FakeTransport.pair();
        SecureChannel client = Sessions.channel(transport.client(), policy, Side.CLIENT);
        HeldReceive held = new HeldReceive(transport.server());
        List<TraceEvent> events = new CopyOnWriteArrayList<>();
        SecureChannel server = Sessions.channel(Sessions.io(held, policy, Side.SERVER), Side.SERVER, events::add);
        client.send(bytes("in flight"));

        CompletableFuture<Object> receiving = CompletableFuture.supplyAsync(() -> {
            try {
                return server.receive();
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(held.read.await(FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as("the receiver read the record").isTrue();
        server.close();
        int framesAfterClose = transport.server().sentFrames().size();
        held.release.countDown();
        Object received = receiving.get(FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertThat(received).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.IO_ERROR);
            assertThat(e).hasMessage("connection failed: the session was closed by this side");
            assertThat(e.peerAlert()).isEmpty();
        });
        assertThat(transport.server().sentFrames()).as("no alert after the close").hasSize(framesAfterClose);
        assertThat(events).as("a close is no failure").noneMatch(Event.SessionFailed.class::isInstance);
    }

    @ParameterizedTest
    @MethodSource("policies")
    void aKeyDestroyedWhileTheSessionWasNotClosedStaysALoudBug(VersionPolicy policy) {
        FakeTransport transport = FakeTransport.pair();
        SecureChannel client = Sessions.channel(transport.client(), policy, Side.CLIENT);
        MessageIo io = Sessions.io(transport.server(), policy, Side.SERVER);
        SecureChannel server = Sessions.channel(io, Side.SERVER, HandshakeObserver.NONE);
        client.send(bytes("in flight"));
        io.destroyKeys();

        assertThatThrownBy(server::receive).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("this record key was destroyed");
    }

    /** The server's connection: a receive hands its frame back only once the test lets it. */
    private static final class HeldReceive extends ForwardingFrameChannel {

        private final CountDownLatch read = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        HeldReceive(FrameChannel delegate) {
            super(delegate);
        }

        @Override
        public byte[] receive() {
            byte[] frame = super.receive();
            read.countDown();
            try {
                if (!release.await(FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the receive");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
            return frame;
        }
    }
}
