package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts the handshake stream back into messages (RFC 8446 section 5.1): one message may be split across several
 * records, one record may hold several messages, and both at once. Each message comes out whole, header included,
 * as it was sent: the bytes the transcript hashes. Not thread-safe: one connection's reader.
 *
 * <p>A message must not span a key change: the handshake calls {@link #keyChange()} before it reads under new
 * keys, which is {@code unexpected_message} while part of a message is still waiting. A message longer than
 * {@link #MAX_MESSAGE} is {@code illegal_parameter} as soon as its header says so, so that memory stays bounded.
 */
public final class HandshakeReassembler {

    /** The longest handshake body accepted: 64 KiB, room for a certificate chain of eight large certificates. */
    public static final int MAX_MESSAGE = 64 * 1024;

    /** The waiting bytes are {@code buffer[start..end)}; the buffer grows by doubling, so adding stays linear. */
    private byte[] buffer = new byte[1024];
    private int start;
    private int end;

    /** Adds the handshake bytes of one record: a clear record's fragment or a protected record's content. */
    public void add(byte[] fragment) {
        if (fragment.length == 0) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "an empty handshake record");
        }
        int waiting = end - start;
        if (end + fragment.length > buffer.length) {
            byte[] target = waiting + fragment.length <= buffer.length ? buffer
                    : new byte[Math.max(2 * buffer.length, waiting + fragment.length)];
            System.arraycopy(buffer, start, target, 0, waiting);
            buffer = target;
            start = 0;
            end = waiting;
        }
        System.arraycopy(fragment, 0, buffer, end, fragment.length);
        end += fragment.length;
        checkWaitingLength();
    }

    /** The next whole message, header included, when all its bytes have come. */
    public Optional<byte[]> next() {
        if (end - start < HandshakeCodec.HEADER_LENGTH) {
            return Optional.empty();
        }
        int length = HandshakeCodec.HEADER_LENGTH + bodyLength();
        if (end - start < length) {
            return Optional.empty();
        }
        byte[] message = Arrays.copyOfRange(buffer, start, start + length);
        start += length;
        if (start == end) {
            start = 0;
            end = 0;
        }
        checkWaitingLength();
        return Optional.of(message);
    }

    /** True when no part of a message is waiting. */
    public boolean isEmpty() {
        return end == start;
    }

    /** The keys change now: refused while part of a message read under the old keys is waiting. */
    public void keyChange() {
        if (!isEmpty()) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, (end - start)
                    + " bytes of a handshake message are waiting at a key change; a message may not span one");
        }
    }

    /** Refuses the waiting message as soon as its header says it is too long. */
    private void checkWaitingLength() {
        if (end - start >= HandshakeCodec.HEADER_LENGTH && bodyLength() > MAX_MESSAGE) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                    "a handshake message of " + bodyLength() + " bytes; at most " + MAX_MESSAGE + " accepted");
        }
    }

    private int bodyLength() {
        return (buffer[start + 1] & 0xFF) << 16 | (buffer[start + 2] & 0xFF) << 8 | buffer[start + 3] & 0xFF;
    }
}
