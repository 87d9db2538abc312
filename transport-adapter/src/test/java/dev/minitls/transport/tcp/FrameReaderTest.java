package dev.minitls.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    @Test
    void framesArriveWholeWhateverTheReadSizes() throws IOException {
        FrameReader reader = new FrameReader(new OneByteAtATime("first\nsecond line\n\n"), 100);

        assertThat(text(reader.next())).isEqualTo("first\n");
        assertThat(text(reader.next())).isEqualTo("second line\n");
        assertThat(text(reader.next())).isEqualTo("\n");
    }

    @Test
    void severalFramesInOneReadComeOutOneByOne() throws IOException {
        FrameReader reader = new FrameReader(stream("a\nbb\nccc\n"), 100);

        assertThat(text(reader.next())).isEqualTo("a\n");
        assertThat(text(reader.next())).isEqualTo("bb\n");
        assertThat(text(reader.next())).isEqualTo("ccc\n");
        assertPeerClosed(reader);
    }

    @Test
    void aFrameLongerThanTheBufferIsJoinedFromSeveralReads() throws IOException {
        String big = "x".repeat(20_000) + "\n";
        FrameReader reader = new FrameReader(stream(big + "tail\n"), 64 * 1024);

        assertThat(text(reader.next())).isEqualTo(big);
        assertThat(text(reader.next())).isEqualTo("tail\n");
    }

    @Test
    void framesReadAlongWithALongFrameComeOutWholeAndInOrder() throws IOException {
        // long frames arrive in reads that run past their end: into the next long frame, or over several short ones
        String first = "x".repeat(20_000) + "\n";
        String second = "y".repeat(30_000) + "\n";
        FrameReader reader = new FrameReader(stream(first + second + "a\nbb\n" + "z".repeat(9_000) + "\nend\n"),
                64 * 1024);

        assertThat(text(reader.next())).isEqualTo(first);
        assertThat(text(reader.next())).isEqualTo(second);
        assertThat(text(reader.next())).isEqualTo("a\n");
        assertThat(text(reader.next())).isEqualTo("bb\n");
        assertThat(text(reader.next())).isEqualTo("z".repeat(9_000) + "\n");
        assertThat(text(reader.next())).isEqualTo("end\n");
        assertPeerClosed(reader);
    }

    @Test
    void aLongFrameOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws IOException {
        String atLimit = "y".repeat(49_999) + "\n";
        FrameReader reader = new FrameReader(stream(atLimit + "z".repeat(50_000) + "\n"), 50_000);

        assertThat(text(reader.next())).isEqualTo(atLimit);
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.FRAME_TOO_LONG))
                .hasMessage("frame too long: no newline within 50000 bytes");
    }

    @Test
    void aFrameOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws IOException {
        String atLimit = "y".repeat(9) + "\n";
        FrameReader reader = new FrameReader(stream(atLimit + "z".repeat(10) + "\n"), 10);

        assertThat(text(reader.next())).isEqualTo(atLimit);
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.FRAME_TOO_LONG))
                .hasMessage("frame too long: no newline within 10 bytes");
    }

    @Test
    void anEndlessLineFailsAfterTakingNoMoreThanTheLimitFromTheStream() {
        Endless endless = new Endless();
        FrameReader reader = new FrameReader(endless, 1000);

        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.FRAME_TOO_LONG));
        assertThat(endless.served).isEqualTo(1000);
    }

    @Test
    void bytesReadAheadForTheNextFrameCountAgainstItsLimit() throws IOException {
        // the first read takes the short frame and the start of the long one; the long one must still fail
        FrameReader reader = new FrameReader(stream("ok\n" + "w".repeat(50)), 20);

        assertThat(text(reader.next())).isEqualTo("ok\n");
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.FRAME_TOO_LONG));
    }

    @Test
    void endOfStreamAtAFrameBoundaryIsPeerClosed() {
        assertPeerClosed(new FrameReader(stream(""), 10));
    }

    @Test
    void endOfStreamInsideAFrameIsTruncated() throws IOException {
        FrameReader reader = new FrameReader(stream("whole\npart"), 100);

        assertThat(text(reader.next())).isEqualTo("whole\n");
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.TRUNCATED))
                .hasMessage("connection truncated: end of stream after 4 bytes of a frame");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new FrameReader(stream(""), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFrameLength must be at least 1, got 0");
    }

    private static void assertPeerClosed(FrameReader reader) {
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.PEER_CLOSED))
                .hasMessage("connection closed by peer: end of stream");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    private static String text(byte[] frame) {
        return new String(frame, UTF_8);
    }

    /** Hands out its bytes one per read, as a slow network might. */
    private static final class OneByteAtATime extends InputStream {
        private final InputStream in;

        OneByteAtATime(String text) {
            this.in = stream(text);
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, Math.min(len, 1));
        }
    }

    /** A line that never ends; counts what it served. */
    private static final class Endless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'a');
            served += len;
            return len;
        }
    }
}
