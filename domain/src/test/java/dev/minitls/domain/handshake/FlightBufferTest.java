package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.testing.FakeTransport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A {@link FlightBuffer} holds what is sent until it is flushed, then writes it at once; the rest passes through. */
class FlightBufferTest {

    private final FakeTransport transport = FakeTransport.pair();
    private final FlightBuffer buffer = new FlightBuffer(transport.client());

    @Test
    void framesAreHeldUntilFlushedThenWrittenInOrderInOneWrite() {
        buffer.send(frame("one"));
        buffer.send(frame("two"));
        assertThat(transport.client().writes()).as("nothing written before the flush").isEmpty();

        buffer.flush();
        buffer.flush();

        assertThat(transport.client().writes()).as("one write of both frames, none for the empty flush")
                .containsExactly(2);
        assertThat(transport.server().receive()).isEqualTo(frame("one"));
        assertThat(transport.server().receive()).isEqualTo(frame("two"));
    }

    @Test
    void aSingleFrameIsWrittenOnItsOwn() {
        buffer.send(frame("alone"));
        buffer.flush();

        assertThat(transport.client().writes()).containsExactly(1);
        assertThat(transport.server().receive()).isEqualTo(frame("alone"));
    }

    @Test
    void receivePeerAndCloseAreTheConnections() {
        transport.server().send(frame("from the server"));

        assertThat(buffer.receive()).isEqualTo(frame("from the server"));
        assertThat(buffer.peer()).isEqualTo(transport.client().peer());
        buffer.close();
        assertThat(transport.client().isClosed()).isTrue();
    }

    private static byte[] frame(String text) {
        return ("\"" + text + "\"\n").getBytes(StandardCharsets.US_ASCII);
    }
}
