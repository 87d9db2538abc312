package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.io.ByteArrayOutputStream;
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

    private byte[] pending = new byte[0];

    /** Adds the handshake bytes of one record: a clear record's fragment or a protected record's content. */
    public void add(byte[] fragment) {
        if (fragment.length == 0) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "an empty handshake record");
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream(pending.length + fragment.length);
        joined.writeBytes(pending);
        joined.writeBytes(fragment);
        pending = joined.toByteArray();
        checkWaitingLength();
    }

    /** The next whole message, header included, when all its bytes have come. */
    public Optional<byte[]> next() {
        if (pending.length < HandshakeCodec.HEADER_LENGTH) {
            return Optional.empty();
        }
        int end = HandshakeCodec.HEADER_LENGTH + bodyLength();
        if (pending.length < end) {
            return Optional.empty();
        }
        byte[] message = Arrays.copyOf(pending, end);
        pending = Arrays.copyOfRange(pending, end, pending.length);
        checkWaitingLength();
        return Optional.of(message);
    }

    /** True when no part of a message is waiting. */
    public boolean isEmpty() {
        return pending.length == 0;
    }

    /** The keys change now: refused while part of a message read under the old keys is waiting. */
    public void keyChange() {
        if (!isEmpty()) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, pending.length
                    + " bytes of a handshake message are waiting at a key change; a message may not span one");
        }
    }

    /** Refuses the waiting message as soon as its header says it is too long. */
    private void checkWaitingLength() {
        if (pending.length >= HandshakeCodec.HEADER_LENGTH && bodyLength() > MAX_MESSAGE) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                    "a handshake message of " + bodyLength() + " bytes; at most " + MAX_MESSAGE + " accepted");
        }
    }

    private int bodyLength() {
        return (pending[1] & 0xFF) << 16 | (pending[2] & 0xFF) << 8 | pending[3] & 0xFF;
    }
}
