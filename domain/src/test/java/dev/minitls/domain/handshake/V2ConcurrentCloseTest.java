package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.FIRST_CLIENT_RECORD;
import static dev.minitls.domain.handshake.Handshakes.FORMATS;
import static dev.minitls.domain.handshake.V2Handshakes.ALERT;
import static dev.minitls.domain.handshake.V2Handshakes.APPLICATION_DATA;
import static dev.minitls.domain.handshake.V2Handshakes.alertLine;
import static dev.minitls.domain.handshake.V2Handshakes.inner;
import static dev.minitls.domain.handshake.V2Handshakes.open;
import static dev.minitls.domain.handshake.V2Handshakes.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.handshake.V2Handshakes.Keys;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.testing.FakeTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * One v2 channel used by two threads: one sends records while the other receives the peer's close_notify and
 * answers it. The sender is held in the middle of writing a record exactly when the answer is due, so the
 * interleaving that once reused and reordered sequence numbers happens on every run, not by luck.
 */
class V2ConcurrentCloseTest {

    /** The record, counted from the first after the handshake, whose write is held. */
    private static final int HELD_RECORD = 3;
    private static final int MAX_MESSAGES = 100_000;

    private final Wire wire = new Wire();

    @Test
    void aCloseNotifyAnsweredWhileAnotherThreadSendsGoesAfterItsRecordAndNothingFollowsIt() throws Exception {
        FakeTransport transport = wire.transport();
        HeldWrite client = new HeldWrite(transport.client(), FIRST_CLIENT_RECORD + HELD_RECORD);
        CompletableFuture<SecureChannel> accepting = CompletableFuture.supplyAsync(
                () -> ServerHandshake.accept(transport.server(), FORMATS, Handshakes.serverConfig()));
        SecureChannel channel = ClientHandshake.connect(client, FORMATS, V2Handshakes.clientConfig());
        SecureChannel server = accepting.get(FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS);

        AtomicReference<Optional<byte[]>> received = new AtomicReference<>();
        Thread receiver = new Thread(() -> received.set(channel.receive()), "receiver");
        client.receiver = receiver;
        receiver.start();
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<RuntimeException> sending = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < MAX_MESSAGES; i++) {
                    channel.send(("message " + i).getBytes(StandardCharsets.US_ASCII));
                    sent.incrementAndGet();
                }
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(client.holding.await(FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as("the sender reached the held record").isTrue();
        server.closeOutbound();
        RuntimeException senderStop = sending.get(2 * FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS);
        receiver.join(TimeUnit.SECONDS.toMillis(FakeTransport.PATIENCE_SECONDS));

        assertThat(received.get()).as("the receiver saw close_notify").isEmpty();
        List<byte[]> records = transport.client().sentFrames();
        records = records.subList(FIRST_CLIENT_RECORD, records.size());
        TrafficKeys keys = wire.keys(Keys.CLIENT_APPLICATION);
        List<Long> sequences = new ArrayList<>();
        for (byte[] frame : records) {
            sequences.add(record(frame).sequence());
        }
        assertThat(sequences).as("sequence numbers on the wire: each once, in order, none skipped")
                .containsExactlyElementsOf(LongStream.range(0, records.size()).boxed().toList());
        assertThat(records).as("every record the sender was told it sent, then close_notify")
                .hasSize(sent.get() + 1);
        for (int i = 0; i < sent.get(); i++) {
            assertThat(open(keys, records.get(i)))
                    .isEqualTo(inner(("message " + i).getBytes(StandardCharsets.US_ASCII), APPLICATION_DATA));
        }
        assertThat(open(keys, records.get(records.size() - 1)))
                .as("the last record: our close_notify").isEqualTo(inner(alertLine(Alert.CLOSE_NOTIFY), ALERT));
        assertThat(senderStop).as("why the sender stopped").isInstanceOf(IllegalStateException.class)
                .hasMessage("this channel is closed for sending");
    }

    /**
     * The client's connection: its write of frame {@code heldFrame} waits until the peer's next frame has been
     * received and the receiving thread, answering it, is blocked or done.
     */
    private static final class HeldWrite extends ForwardingFrameChannel {

        private static final EnumSet<Thread.State> STOPPED =
                EnumSet.of(Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TERMINATED);

        private final int heldFrame;
        private final CountDownLatch holding = new CountDownLatch(1);
        private final AtomicInteger frames = new AtomicInteger();
        private volatile boolean arrivedWhileHeld;
        private volatile Thread receiver;

        HeldWrite(FrameChannel delegate, int heldFrame) {
            super(delegate);
            this.heldFrame = heldFrame;
        }

        @Override
        public void send(byte[] frame) {
            if (frames.getAndIncrement() == heldFrame) {
                holding.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FakeTransport.PATIENCE_SECONDS);
                while (!(arrivedWhileHeld && STOPPED.contains(receiver.getState()))) {
                    assertThat(System.nanoTime()).as("the receiver answered in time").isLessThan(deadline);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            super.send(frame);
        }

        @Override
        public byte[] receive() {
            byte[] frame = super.receive();
            if (holding.getCount() == 0) {
                arrivedWhileHeld = true;
            }
            return frame;
        }
    }
}
