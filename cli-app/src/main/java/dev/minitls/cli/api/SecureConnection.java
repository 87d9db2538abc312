package dev.minitls.cli.api;

import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.record.RecordLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection whose handshake is complete: messages both ways, each one an encrypted record (at most
 * {@value RecordLimits#MAX_PLAINTEXT} bytes), or the same records seen as streams of bytes.
 *
 * <p>{@link #close()} ends the session: in protocol v2 and tls13 it first sends close_notify, so that the peer knows
 * nothing was cut off. Protocol v1 has no such message; a closed connection ends its session. One thread may send
 * while another receives. Failures are {@link ProtocolException}s (unchecked) from {@code send} and {@code receive},
 * and {@link IOException}s from the streams. A tls13 connection can also update its keys:
 * {@link #requestKeyUpdate()}.
 */
public final class SecureConnection implements AutoCloseable {

    private final SecureSession channel;
    private InputStream input;
    private OutputStream output;

    SecureConnection(SecureSession channel) {
        this.channel = channel;
    }

    /** The protocol this connection speaks. */
    public ProtocolVersion protocol() {
        return channel.protocol();
    }

    /** The peer's address, such as {@code 127.0.0.1:51234}. */
    public String peer() {
        return channel.peer();
    }

    /**
     * Sends {@code message} as one record (tls13: as many records of at most {@value RecordLimits#MAX_PLAINTEXT}
     * bytes as it takes).
     *
     * @throws IllegalArgumentException in v1 and v2, when it is longer than {@value RecordLimits#MAX_PLAINTEXT}
     *     bytes
     * @throws IllegalStateException once this side has closed or shut down its output
     * @throws ProtocolException when the connection failed; it is then closed
     */
    public void send(byte[] message) {
        channel.send(message);
    }

    /**
     * Sends a KeyUpdate (RFC 8446 section 4.6.3) asking the peer to update its keys too, then sends under the next
     * key; the peer's answer is taken by {@link #receive()}. TLS 1.3 alone has it.
     *
     * @throws UnsupportedOperationException for a v1 or v2 connection, whose keys never change
     * @throws IllegalStateException once this side has closed or shut down its output
     * @throws ProtocolException when the connection failed; it is then closed
     */
    public void requestKeyUpdate() {
        channel.requestKeyUpdate();
    }

    /**
     * The next message the peer sent, or empty when the peer ended the session (close_notify in v2 and tls13, the
     * connection closed between records in v1). In tls13 a message is one record's data: a peer's message may come
     * in several.
     *
     * @throws ProtocolException when a record is not exactly the next authentic one, when the peer sent an alert,
     *     or when a v2 connection ended without close_notify; the connection is then closed
     */
    public Optional<byte[]> receive() {
        return channel.receive();
    }

    /**
     * The received messages as one stream of bytes, ending where the session ends. Closing it closes the
     * connection, as a socket's stream does.
     */
    public synchronized InputStream getInputStream() {
        if (input == null) {
            input = new RecordInputStream();
        }
        return input;
    }

    /**
     * A stream whose bytes are sent in records: {@code flush()} sends what was written since the last record, and a
     * record is sent by itself whenever {@value RecordLimits#MAX_PLAINTEXT} bytes are waiting. Closing it flushes
     * and then {@linkplain #shutdownOutput() shuts down the output}: what the peer sent until it learns so can still
     * be read.
     */
    public synchronized OutputStream getOutputStream() {
        if (output == null) {
            output = new RecordOutputStream();
        }
        return output;
    }

    /**
     * Says that this side will send nothing more but goes on receiving: in v2 and tls13 a close_notify goes out, and
     * {@link #receive()} returns what the peer sent until it answers with its own close_notify (a minitls peer does
     * so as soon as it reads ours). Protocol v1 cannot say so: there it closes the connection.
     */
    public void shutdownOutput() {
        channel.closeOutbound();
    }

    /**
     * Ends the session: close_notify first in v2 and tls13, then the connection closes. Closing twice does nothing.
     */
    @Override
    public void close() {
        channel.close();
    }

    private static IOException failed(ProtocolException e) {
        return new IOException(e.getMessage(), e);
    }

    /** The messages received, one after the other. */
    private final class RecordInputStream extends InputStream {

        private byte[] record = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public synchronized int read() throws IOException {
            return fill() ? record[position++] & 0xff : -1;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int count = Math.min(length, record.length - position);
            System.arraycopy(record, position, buffer, offset, count);
            position += count;
            return count;
        }

        @Override
        public synchronized int available() {
            return record.length - position;
        }

        @Override
        public void close() {
            SecureConnection.this.close();
        }

        /** True when there is a byte to read, after waiting for the next record when need be. */
        private boolean fill() throws IOException {
            while (position == record.length && !ended) {
                try {
                    Optional<byte[]> next = channel.receive();
                    ended = next.isEmpty();
                    record = next.orElse(record);
                    position = ended ? record.length : 0;
                } catch (ProtocolException e) {
                    throw failed(e);
                }
            }
            return position < record.length;
        }
    }

    /** Bytes gathered into records of at most {@value RecordLimits#MAX_PLAINTEXT} bytes. */
    private final class RecordOutputStream extends OutputStream {

        private final byte[] buffer = new byte[RecordLimits.MAX_PLAINTEXT];
        private int count;

        @Override
        public synchronized void write(int b) throws IOException {
            if (count == buffer.length) {
                flush();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            for (int done = 0; done < length; ) {
                if (count == buffer.length) {
                    flush();
                }
                int chunk = Math.min(length - done, buffer.length - count);
                System.arraycopy(bytes, offset + done, buffer, count, chunk);
                count += chunk;
                done += chunk;
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (count == 0) {
                return;
            }
            try {
                channel.send(Arrays.copyOf(buffer, count));
            } catch (ProtocolException e) {
                throw failed(e);
            } catch (IllegalStateException e) {
                throw new IOException(e.getMessage(), e);
            }
            count = 0;
        }

        @Override
        public synchronized void close() throws IOException {
            flush();
            shutdownOutput();
        }
    }
}
