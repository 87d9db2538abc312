package dev.minitls.cli.kat;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.trace.Side;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Endpoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One side of the recorded session, played from the known answers to the implementation on the other side: it
 * sends its recorded frames as they come in the record and checks that each frame the live side sends is the
 * recorded one, byte for byte.
 */
final class RecordedPeer {

    private static final long PATIENCE_SECONDS = 2 * FakeTransport.PATIENCE_SECONDS;

    private final List<WireFrame> wire;
    private final Side side;
    private final Endpoint endpoint;
    private final CompletableFuture<String> live;

    /**
     * @param wire the recorded frames
     * @param side the side this peer plays
     * @param endpoint this peer's end of the transport
     * @param live the implementation's side, running on another thread
     */
    RecordedPeer(List<WireFrame> wire, Side side, Endpoint endpoint, CompletableFuture<String> live) {
        this.wire = List.copyOf(wire);
        this.side = side;
        this.endpoint = endpoint;
        this.live = live;
    }

    /** Plays the whole record, then checks that the live side sent nothing more and closed the connection. */
    void playAll() {
        playUntil(wire.size());
        assertThatThrownBy(endpoint::receive).as("what the live side did after the recorded session")
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.PEER_CLOSED));
    }

    /** Plays frames 0 (included) to {@code end} (excluded) of the record. */
    void playUntil(int end) {
        for (int i = 0; i < end; i++) {
            WireFrame frame = wire.get(i);
            if (frame.from() == side) {
                endpoint.send(frame.line());
            } else {
                // ISO-8859-1 maps each byte to one character: the comparison is byte for byte, the diff readable.
                assertThat(new String(next(), ISO_8859_1)).as("frame %d, from the %s", i, frame.from().label())
                        .isEqualTo(new String(frame.line(), ISO_8859_1));
            }
        }
    }

    /** Sends a frame that is not in the record. */
    void send(byte[] frame) {
        endpoint.send(frame);
    }

    /** What the live side returned. */
    String liveResult() throws Exception {
        return live.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** What the live side failed with; fails when it succeeded. */
    Throwable liveFailure() throws Exception {
        try {
            String result = liveResult();
            throw new AssertionError("the live side succeeded with \"" + result + "\"");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** The next frame of the live side; when there is none, the failure says how the live side ended. */
    private byte[] next() {
        try {
            return endpoint.receive();
        } catch (ProtocolException e) {
            Throwable outcome = live.handle((result, failure) -> failure instanceof CompletionException
                    ? failure.getCause() : failure).orTimeout(PATIENCE_SECONDS, TimeUnit.SECONDS).join();
            throw new AssertionError("the live side sent no further frame (" + e.getMessage() + "); it "
                    + (outcome == null ? "ended normally" : "failed: " + outcome), outcome);
        }
    }
}
