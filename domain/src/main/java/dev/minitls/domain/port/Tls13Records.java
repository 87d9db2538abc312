package dev.minitls.domain.port;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.tls13.HandshakeMessage;
import java.util.Objects;

/**
 * The record layer of one TLS 1.3 connection (RFC 8446 section 5), as the domain's TLS 1.3 handshakes and session
 * see it: handshake messages in and out with their exact bytes (which the transcript hashes), the traffic keys
 * installed where the handshake says, alerts, and application data. The adapter behind it does everything that is
 * about bytes on the wire: the binary codec, record headers, messages split across records or coalesced in one,
 * the inner content type and its padding, nonces and sequence numbers, the one change_cipher_spec record of
 * middlebox compatibility, and the bounds on every read (size and time).
 *
 * <p>Every failure is a {@link dev.minitls.domain.error.ProtocolException} naming the alert RFC 8446 section 6
 * gives it; a fatal alert from the peer is one with {@code ALERT_RECEIVED}. After a failure the connection is lost:
 * the caller sends its alert (if any) and closes. One thread may send while another receives.
 */
public interface Tls13Records {

    /**
     * Encodes {@code message} and queues it in the records of the current write keys; nothing leaves before
     * {@link #flush()}, so that a flight travels together.
     *
     * @return the message's exact bytes, its 4-byte header included: what enters the transcript
     */
    byte[] send(HandshakeMessage message);

    /** Writes everything queued. */
    void flush();

    /**
     * The next thing the peer sent: a whole handshake message with its exact bytes, application data (only once
     * application read keys are installed; before, it is {@code unexpected_message}), or close_notify.
     */
    Incoming receive();

    /**
     * From the next record on, reads are protected with {@code aead} under {@code key} and {@code iv} (12 bytes). A handshake message that
     * began under the old keys and is not finished is {@code unexpected_message}: a message may not span a key
     * change.
     */
    void protectReads(AeadAlgorithm aead, byte[] key, byte[] iv);

    /** From the next record on, writes are protected with {@code aead} under {@code key} and {@code iv}. */
    void protectWrites(AeadAlgorithm aead, byte[] key, byte[] iv);

    /** How many more records the current write key may protect (2^24 in all, then it must be updated). */
    long writesLeft();

    /** Sends {@code data} as application data, in as many records as it takes, and flushes. */
    void sendData(byte[] data);

    /** Flushes what is queued and sends {@code alert}, under the current write keys. */
    void sendAlert(Alert alert);

    /** Closes the connection; further calls fail. Idempotent. */
    void close();

    /** The peer's address, for messages. */
    String peer();

    /** What {@link #receive()} returns. */
    sealed interface Incoming {
    }

    /** A whole handshake message and the exact bytes it came in. */
    record HandshakeIn(HandshakeMessage message, byte[] bytes) implements Incoming {
        public HandshakeIn {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** The content of one application_data record (possibly empty). */
    record DataIn(byte[] data) implements Incoming {
        public DataIn {
            Objects.requireNonNull(data, "data");
        }
    }

    /** The peer's close_notify: it sends nothing more. */
    record CloseNotify() implements Incoming {
    }
}
