package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.transport.LineScan;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into newline-terminated frames.
 *
 * <p>Memory is bounded by the frame limit: a read never asks the stream for more bytes than the current frame may
 * still take, so however long a line without a newline is, at most {@code maxFrameLength} of its bytes are ever
 * taken from the stream before {@code FRAME_TOO_LONG}. After any failure the stream position is lost: close it.
 *
 * <p>Frames that fit a small buffer (the handshake's, short records) are read through it; that buffer is all an idle
 * connection keeps, and it is made by the first read (a TLS 1.3 connection reads its records another way, and so
 * never has one). A longer frame is read straight into an array of its own, which grows as needed, so its bytes
 * are copied once more, not once per buffer-full; bytes read past its end are taken from that array until used up.
 */
final class FrameReader {

    private static final int BUFFER_SIZE = 4096;
    /** Where a long frame's array starts: room for a full 16 KiB record of either protocol, base64 or hex. */
    private static final int LONG_FRAME_START = 40 * 1024;
    /**
     * The most one read asks the stream for. A socket stream reads through a native buffer that the JDK keeps per
     * thread, as large as the largest read: with a thread per connection, this bounds it.
     */
    private static final int MAX_READ = 8192;

    private final InputStream in;
    private final int maxFrameLength;
    /** Made by the first read. */
    private byte[] small;
    /**
     * {@link #small}, or the array of the last long frame while bytes read after that frame are left in it; null
     * before the first read.
     */
    private byte[] buffer;
    private int position;
    private int limit;

    FrameReader(InputStream in, int maxFrameLength) {
        this.in = in;
        this.maxFrameLength = checkMaxFrameLength(maxFrameLength);
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
        if (position == limit) {
            fill();
        }
        int newline = LineScan.indexOfNewline(buffer, position, limit);
        if (newline < 0) {
            return longFrame();
        }
        // The buffer is never longer than the limit, so neither is a frame within it.
        byte[] frame = Arrays.copyOfRange(buffer, position, newline + 1);
        position = newline + 1;
        return frame;
    }

    /** Reads into the small buffer: at most its length, which is at most the limit. */
    private void fill() throws IOException {
        if (small == null) {
            small = new byte[Math.min(BUFFER_SIZE, maxFrameLength)];
        }
        buffer = small;
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            throw new ProtocolException(Failure.PEER_CLOSED, "end of stream");
        }
        position = 0;
        limit = read;
    }

    /** A frame that does not end within the buffer: the bytes so far, then reads straight into its own array. */
    private byte[] longFrame() throws IOException {
        int length = limit - position;
        if (length >= maxFrameLength) {
            throw tooLong();
        }
        byte[] frame = new byte[Math.min(maxFrameLength, Math.max(LONG_FRAME_START, 2 * length))];
        System.arraycopy(buffer, position, frame, 0, length);
        while (true) {
            if (length == frame.length) {
                if (length == maxFrameLength) {
                    throw tooLong();
                }
                frame = Arrays.copyOf(frame, Math.min(maxFrameLength, 2 * frame.length));
            }
            int read = in.read(frame, length, Math.min(MAX_READ, frame.length - length));
            if (read < 0) {
                throw new ProtocolException(Failure.TRUNCATED, "end of stream after " + length + " bytes of a frame");
            }
            int newline = LineScan.indexOfNewline(frame, length, length + read);
            length += read;
            if (newline >= 0) {
                buffer = frame;
                position = newline + 1;
                limit = length;
                return Arrays.copyOf(frame, newline + 1);
            }
        }
    }

    private ProtocolException tooLong() {
        return new ProtocolException(Failure.FRAME_TOO_LONG, "no newline within " + maxFrameLength + " bytes");
    }
}
