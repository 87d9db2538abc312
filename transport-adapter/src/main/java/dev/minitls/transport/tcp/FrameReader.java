package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.transport.LineScan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into newline-terminated frames through one fixed buffer.
 *
 * <p>Memory is bounded by the frame limit: a read never asks the stream for more bytes than the current frame may
 * still take, so however long a line without a newline is, at most {@code maxFrameLength} of its bytes are ever
 * taken from the stream before {@code FRAME_TOO_LONG}. After any failure the stream position is lost: close it.
 */
final class FrameReader {

    private static final int BUFFER_SIZE = 8192;

    private final InputStream in;
    private final int maxFrameLength;
    private final byte[] buffer;
    private int position;
    private int limit;

    FrameReader(InputStream in, int maxFrameLength) {
        this.in = in;
        this.maxFrameLength = checkMaxFrameLength(maxFrameLength);
        this.buffer = new byte[Math.min(BUFFER_SIZE, maxFrameLength)];
    }

    /** Returns the limit when it is usable (at least 1). */
    static int checkMaxFrameLength(int maxFrameLength) {
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be at least 1, got " + maxFrameLength);
        }
        return maxFrameLength;
    }

    /** The next frame, newline included, at most {@code maxFrameLength} bytes long. */
    byte[] next() throws IOException {
        ByteArrayOutputStream spanning = null;
        int length = 0;
        while (true) {
            if (position == limit) {
                fill(length);
            }
            int newline = LineScan.indexOfNewline(buffer, position, limit);
            boolean complete = newline >= 0;
            int end = complete ? newline + 1 : limit;
            length += end - position;
            if (length > maxFrameLength || !complete && length == maxFrameLength) {
                throw new ProtocolException(Failure.FRAME_TOO_LONG,
                        "no newline within " + maxFrameLength + " bytes");
            }
            if (complete && spanning == null) {
                byte[] frame = Arrays.copyOfRange(buffer, position, end);
                position = end;
                return frame;
            }
            if (spanning == null) {
                spanning = new ByteArrayOutputStream(Math.min(maxFrameLength, 2 * buffer.length));
            }
            spanning.write(buffer, position, end - position);
            position = end;
            if (complete) {
                return spanning.toByteArray();
            }
        }
    }

    /** Reads more bytes, never more than the frame in progress ({@code length} bytes so far) may still take. */
    private void fill(int length) throws IOException {
        int read = in.read(buffer, 0, Math.min(buffer.length, maxFrameLength - length));
        if (read < 0) {
            throw length == 0
                    ? new ProtocolException(Failure.PEER_CLOSED, "end of stream")
                    : new ProtocolException(Failure.TRUNCATED, "end of stream after " + length + " bytes of a frame");
        }
        position = 0;
        limit = read;
    }
}
