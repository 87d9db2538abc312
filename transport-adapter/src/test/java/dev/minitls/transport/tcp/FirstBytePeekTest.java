package dev.minitls.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link BoundedSocket#peekFirstByte()}: a server tells a connection's protocol by its first byte, which the framing
 * chosen then reads again; the wait for it is bounded.
 */
@Timeout(30)
class FirstBytePeekTest {

    private static final Duration PATIENT = Duration.ofSeconds(10);

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
    void theFirstByteIsToldAndThenReadAgainAsPartOfTheFirstFrame() throws Exception {
        SocketFrameChannel channel = new SocketFrameChannel(loopback.near(), PATIENT, PATIENT, 1024);
        loopback.far().getOutputStream().write("{\"Hello\": 1}\n{\"next\": 2}\n".getBytes(UTF_8));

        assertThat(channel.socket().peekFirstByte()).isEqualTo('{');
        assertThat(new String(channel.receive(), UTF_8)).isEqualTo("{\"Hello\": 1}\n");
        assertThat(new String(channel.receive(), UTF_8)).isEqualTo("{\"next\": 2}\n");
    }

    @Test
    void aBinaryRecordKeepsItsFirstByteForWhoeverReadsTheStream() throws Exception {
        BoundedSocket socket = new BoundedSocket(loopback.near(), PATIENT, PATIENT);
        loopback.far().getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x02, 0x01, 0x02});

        assertThat(socket.peekFirstByte()).isEqualTo(0x16);
        socket.startFrame();
        InputStream in = socket.input();
        assertThat(in.read()).isEqualTo(0x16);
        byte[] rest = new byte[6];
        assertThat(in.readNBytes(rest, 0, 6)).isEqualTo(6);
        assertThat(rest).containsExactly(0x03, 0x01, 0x00, 0x02, 0x01, 0x02);
    }

    @Test
    void aPeekIntoAnArrayGetsTheKeptByteFirst() throws Exception {
        BoundedSocket socket = new BoundedSocket(loopback.near(), PATIENT, PATIENT);
        loopback.far().getOutputStream().write(new byte[] {0x16, 0x03});

        socket.peekFirstByte();
        socket.startFrame();
        byte[] both = socket.input().readNBytes(2);
        assertThat(both).containsExactly(0x16, 0x03);
    }

    @Test
    void aSilentPeerIsATimeout() {
        BoundedSocket socket = new BoundedSocket(loopback.near(), Duration.ofMillis(200), PATIENT);

        assertThatThrownBy(socket::peekFirstByte).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT));
    }

    @Test
    void aPeerThatClosesWithoutAByteIsPeerClosed() throws Exception {
        BoundedSocket socket = new BoundedSocket(loopback.near(), PATIENT, PATIENT);
        loopback.far().close();

        assertThatThrownBy(socket::peekFirstByte).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.PEER_CLOSED));
    }

    @Test
    void onlyTheFirstByteCanBePeeked() throws Exception {
        SocketFrameChannel channel = new SocketFrameChannel(loopback.near(), PATIENT, PATIENT, 1024);
        loopback.far().getOutputStream().write("{}\n{}\n".getBytes(UTF_8));
        channel.receive();

        assertThatThrownBy(() -> channel.socket().peekFirstByte()).isInstanceOf(IllegalStateException.class);
    }
}
