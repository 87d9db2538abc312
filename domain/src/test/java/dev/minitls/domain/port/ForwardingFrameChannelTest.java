package dev.minitls.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.testing.FakeTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A forwarding channel passes every call on; its sendAll goes frame by frame through send. */
class ForwardingFrameChannelTest {

    private final FakeTransport transport = FakeTransport.pair();

    @Test
    void everyCallReachesTheChannelBehind() {
        FrameChannel forwarding = new ForwardingFrameChannel(transport.client()) { };
        transport.server().send(frame("to the client"));

        forwarding.send(frame("to the server"));

        assertThat(transport.server().receive()).isEqualTo(frame("to the server"));
        assertThat(forwarding.receive()).isEqualTo(frame("to the client"));
        assertThat(forwarding.peer()).isEqualTo(transport.client().peer());
        forwarding.close();
        assertThat(transport.client().isClosed()).isTrue();
    }

    @Test
    void sendAllGoesThroughSendSoThatASubclassSeesEveryFrame() {
        List<String> seen = new ArrayList<>();
        FrameChannel counting = new ForwardingFrameChannel(transport.client()) {
            @Override
            public void send(byte[] frame) {
                seen.add(new String(frame, StandardCharsets.US_ASCII));
                super.send(frame);
            }
        };

        counting.sendAll(List.of(frame("one"), frame("two")));

        assertThat(seen).containsExactly("\"one\"\n", "\"two\"\n");
        assertThat(transport.client().writes()).as("one write per frame").containsExactly(1, 1);
    }

    private static byte[] frame(String text) {
        return ("\"" + text + "\"\n").getBytes(StandardCharsets.US_ASCII);
    }
}
