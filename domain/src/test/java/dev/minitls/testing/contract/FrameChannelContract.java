package dev.minitls.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.FrameChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link FrameChannel} does, checked the same way for each: the socket channel, the fake transport and
 * every decorator. The channel under test is connected to a {@link Peer} that the test drives from the other end of
 * the wire. The frames are JSON lines, as every transport today carries.
 *
 * <p>An implementation's test extends this class and only says how to make a {@link Connection}.
 */
@ExtendWith(ContractReport.class)
public abstract class FrameChannelContract {

    /** The other end of the wire, as the test sees it. */
    public interface Peer extends AutoCloseable {

        /** The next frame the channel under test sent; empty when the channel closed the connection instead. */
        Optional<byte[]> receive();

        /** Writes {@code frames} in order, at once where the transport has writes. */
        void send(List<byte[]> frames);

        /** Writes {@code frame} a little at a time where the transport carries bytes, at once where not. */
        void sendInPieces(byte[] frame);

        /** Writes {@code bytes} (part of a frame, or nothing) and then closes the sending side. */
        void closeAfter(byte[] bytes);

        /** Closes this end; never throws. */
        @Override
        void close();
    }

    /** The channel under test, the peer at the other end, and what the channel holds back until it is flushed. */
    public static final class Connection implements AutoCloseable {

        private final FrameChannel channel;
        private final int maxFrameLength;
        private final Peer peer;
        private final Runnable flush;
        private final List<AutoCloseable> resources;

        /**
         * @param maxFrameLength the longest frame the channel receives, framing included: one byte more is refused
         */
        public Connection(FrameChannel channel, int maxFrameLength, Peer peer) {
            this(channel, maxFrameLength, peer, () -> { }, List.of());
        }

        private Connection(FrameChannel channel, int maxFrameLength, Peer peer, Runnable flush,
                List<AutoCloseable> resources) {
            this.channel = channel;
            this.maxFrameLength = maxFrameLength;
            this.peer = peer;
            this.flush = flush;
            this.resources = resources;
        }

        /** The channel under test. */
        public FrameChannel channel() {
            return channel;
        }

        /** The same connection, with {@code decorator} wrapped around its channel. */
        public Connection decorated(UnaryOperator<FrameChannel> decorator) {
            return new Connection(decorator.apply(channel), maxFrameLength, peer, flush, resources);
        }

        /** The same connection, whose channel's frames leave only when {@code flush} runs (a buffering channel). */
        public Connection flushedBy(Runnable newFlush) {
            return new Connection(channel, maxFrameLength, peer, newFlush, resources);
        }

        /** The same connection, which also closes {@code resource} (a timer's thread, say) when it closes. */
        public Connection closing(AutoCloseable resource) {
            List<AutoCloseable> more = new ArrayList<>(resources);
            more.add(resource);
            return new Connection(channel, maxFrameLength, peer, flush, List.copyOf(more));
        }

        @Override
        public void close() throws Exception {
            channel.close();
            peer.close();
            for (AutoCloseable resource : resources) {
                resource.close();
            }
        }
    }

    private Connection connection;
    private FrameChannel channel;
    private Peer peer;

    /** A fresh connection: the channel under test and its peer. */
    protected abstract Connection connect() throws Exception;

    @BeforeEach
    void open() throws Exception {
        connection = connect();
        channel = connection.channel;
        peer = connection.peer;
    }

    @AfterEach
    void closeConnection() throws Exception {
        connection.close();
    }

    // ---------------------------------------------------------------- sending

    @Test
    void framesSentArriveWholeAndInOrder() {
        channel.send(frame("one"));
        channel.send(frame("two"));
        flush();

        assertReceivedByPeer(frame("one"), frame("two"));
    }

    @Test
    void sendAllSendsEveryFrameInOrder() {
        channel.sendAll(List.of(frame("one"), frame("two"), frame("three")));
        flush();

        assertReceivedByPeer(frame("one"), frame("two"), frame("three"));
    }

    @Test
    void sendAllOfNoFramesSendsNothing() {
        channel.sendAll(List.of());
        channel.send(frame("after nothing"));
        flush();

        assertReceivedByPeer(frame("after nothing"));
    }

    @Test
    void framesKeepTheirExactBytes() {
        byte[] utf8 = "{\"name\":\"caf\u00e9 \u00fc\u00df \ud83d\ude00\",\"tab\":\"\t\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] high = {'{', (byte) 0xff, (byte) 0x80, 0, '}', '\n'};

        channel.sendAll(List.of(utf8, high));
        flush();
        peer.send(List.of(high, utf8));

        assertReceivedByPeer(utf8, high);
        assertThat(channel.receive()).isEqualTo(high);
        assertThat(channel.receive()).isEqualTo(utf8);
    }

    @Test
    void sendingAfterCloseIsAnIoError() {
        channel.close();

        assertFails(Failure.IO_ERROR, () -> {
            channel.send(frame("too late"));
            flush();
        });
    }

    // ---------------------------------------------------------------- receiving

    @Test
    void framesWrittenTogetherAreReceivedOneByOneInOrder() {
        peer.send(List.of(frame("one"), frame("two"), frame("three")));

        assertThat(channel.receive()).isEqualTo(frame("one"));
        assertThat(channel.receive()).isEqualTo(frame("two"));
        assertThat(channel.receive()).isEqualTo(frame("three"));
    }

    @Test
    void aFrameWrittenInPiecesArrivesWhole() {
        peer.sendInPieces(frame("written a little at a time"));
        peer.send(List.of(frame("next")));

        assertThat(channel.receive()).isEqualTo(frame("written a little at a time"));
        assertThat(channel.receive()).isEqualTo(frame("next"));
    }

    @Test
    void theLongestFrameAllowedArrives() {
        byte[] longest = frameOfLength(connection.maxFrameLength);
        peer.send(List.of(longest, frame("next")));

        assertThat(channel.receive()).isEqualTo(longest);
        assertThat(channel.receive()).isEqualTo(frame("next"));
    }

    @Test
    void aFrameOneByteOverTheLimitIsFrameTooLong() {
        peer.send(List.of(frameOfLength(connection.maxFrameLength + 1)));

        assertFails(Failure.FRAME_TOO_LONG, channel::receive);
    }

    @Test
    void thePeerClosingBetweenFramesIsPeerClosed() {
        peer.send(List.of(frame("last")));
        peer.closeAfter(new byte[0]);

        assertThat(channel.receive()).isEqualTo(frame("last"));
        assertFails(Failure.PEER_CLOSED, channel::receive);
    }

    @Test
    void thePeerClosingInTheMiddleOfAFrameIsTruncated() {
        byte[] whole = frame("cut short");
        peer.closeAfter(Arrays.copyOf(whole, whole.length / 2));

        assertFails(Failure.TRUNCATED, channel::receive);
    }

    @Test
    void receivingAfterCloseIsAnIoError() {
        peer.send(List.of(frame("never read")));
        channel.close();

        assertFails(Failure.IO_ERROR, channel::receive);
    }

    // ---------------------------------------------------------------- closing, peer

    @Test
    void closeEndsTheConnectionForThePeer() {
        channel.close();

        assertThat(peer.receive()).as("what the peer reads after the close").isEmpty();
    }

    @Test
    void closeIsIdempotentAndNeverThrows() {
        peer.closeAfter(new byte[0]);

        assertThatCode(() -> {
            channel.close();
            channel.close();
        }).doesNotThrowAnyException();
    }

    @Test
    void peerDescribesThePeerBeforeAndAfterClose() {
        String before = channel.peer();
        channel.close();

        assertThat(before).isNotBlank().doesNotContain("\n");
        assertThat(channel.peer()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- helpers

    private void flush() {
        connection.flush.run();
    }

    private void assertReceivedByPeer(byte[]... frames) {
        for (byte[] expected : frames) {
            assertThat(peer.receive()).as("a frame at the peer").hasValueSatisfying(
                    received -> assertThat(received).isEqualTo(expected));
        }
    }

    private static void assertFails(Failure failure, ThrowingCallable call) {
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(call).satisfies(e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.getMessage()).doesNotContain("\n", "\r");
        });
    }

    /** A JSON line holding {@code text}. */
    private static byte[] frame(String text) {
        return ("{\"text\":\"" + text + "\"}\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON line of exactly {@code length} bytes, newline included. */
    private static byte[] frameOfLength(int length) {
        byte[] frame = new byte[length];
        Arrays.fill(frame, (byte) 'a');
        frame[0] = '"';
        frame[length - 2] = '"';
        frame[length - 1] = '\n';
        return frame;
    }
}
