package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.record.ContentType;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.record.RecordSealer;
import java.util.Arrays;

/**
 * How content reaches the wire at one point of a connection: in clear before keys exist, then in records. The
 * handshake swaps one layer for the next as keys become available; the messages themselves never change.
 */
sealed interface RecordLayer permits RecordLayer.Clear, RecordLayer.V1Records, RecordLayer.V2Records {

    /** Writes {@code content}; returns the record it went out in, for traces. */
    RecordTrace write(ContentType type, byte[] content);

    /**
     * The next content. {@code clearAlerts}: whether an alert in clear is the peer's, as during the handshake, when
     * the peer may have failed before it had keys; once both sides have them it can only be forged.
     */
    Content read(boolean clearAlerts);

    /** Records the current write key may still protect. */
    long remaining();

    /** Destroys this layer's record keys: they are retired, or the connection is over. */
    void destroy();

    /** What one read delivered, and the record it came in, for traces. */
    record Content(ContentType type, byte[] bytes, RecordTrace record) {
    }

    /** Before any keys: each handshake message (or v2 alert) is one frame as it is. */
    record Clear(FrameChannel channel) implements RecordLayer {

        @Override
        public RecordTrace write(ContentType type, byte[] content) {
            if (type == ContentType.APPLICATION_DATA) {
                throw new IllegalStateException("no application data before the handshake is complete");
            }
            channel.send(content);
            return RecordTrace.IN_CLEAR;
        }

        @Override
        public Content read(boolean clearAlerts) {
            return new Content(ContentType.HANDSHAKE, channel.receive(), RecordTrace.IN_CLEAR);
        }

        @Override
        public long remaining() {
            return Long.MAX_VALUE;
        }

        @Override
        public void destroy() {
            // No keys.
        }
    }

    /** Protocol v1 after the handshake: application data only, one {@code {"Seq", "Ciphertext"}} record each. */
    record V1Records(FrameChannel channel, MessageCodec codec, RecordSealer sealer, RecordOpener opener)
            implements RecordLayer {

        @Override
        public RecordTrace write(ContentType type, byte[] content) {
            if (type != ContentType.APPLICATION_DATA) {
                throw new IllegalStateException("protocol v1 sends nothing but application data after the handshake");
            }
            ApplicationRecord record = sealer.seal(content);
            channel.send(codec.encode(record));
            return RecordTrace.of(record, sealer.nonce(record.sequence()), content);
        }

        @Override
        public Content read(boolean clearAlerts) {
            ApplicationRecord record = readRecord(channel, codec, clearAlerts);
            byte[] plaintext = opener.open(record);
            return new Content(ContentType.APPLICATION_DATA, plaintext,
                    RecordTrace.of(record, opener.nonce(record.sequence()), plaintext));
        }

        @Override
        public long remaining() {
            return sealer.remaining();
        }

        @Override
        public void destroy() {
            sealer.destroy();
            opener.destroy();
        }
    }

    /**
     * Protocol v2 once keys exist: every frame is a record whose plaintext is the content followed by its
     * one-byte content type, so an observer cannot tell handshake, alert and data records apart.
     */
    record V2Records(FrameChannel channel, MessageCodec codec, RecordSealer sealer, RecordOpener opener)
            implements RecordLayer {

        @Override
        public RecordTrace write(ContentType type, byte[] content) {
            byte[] inner = Arrays.copyOf(content, content.length + 1);
            inner[content.length] = (byte) type.code();
            ApplicationRecord record = sealer.seal(inner);
            channel.send(codec.encode(record));
            return RecordTrace.of(record, sealer.nonce(record.sequence()), inner);
        }

        @Override
        public Content read(boolean clearAlerts) {
            ApplicationRecord record = readRecord(channel, codec, clearAlerts);
            byte[] inner = opener.open(record);
            // As in TLS 1.3 (RFC 8446 section 5.4), zeros after the content type are padding; minitls sends none.
            int end = inner.length;
            while (end > 0 && inner[end - 1] == 0) {
                end--;
            }
            ContentType type = end == 0 ? null : ContentType.fromCode(inner[end - 1]).orElse(null);
            if (type == null) {
                throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                        "record " + record.sequence() + " has no valid content type");
            }
            return new Content(type, Arrays.copyOf(inner, end - 1),
                    RecordTrace.of(record, opener.nonce(record.sequence()), inner));
        }

        @Override
        public long remaining() {
            return sealer.remaining();
        }

        @Override
        public void destroy() {
            sealer.destroy();
            opener.destroy();
        }
    }

    /**
     * The next frame, which must be a record. A clear alert is accepted too when {@code clearAlerts}: a peer that
     * failed before it had keys can only send one in clear.
     */
    private static ApplicationRecord readRecord(FrameChannel channel, MessageCodec codec, boolean clearAlerts) {
        Message message = codec.decode(channel.receive(), MessageType.APPLICATION_RECORD);
        if (message instanceof ApplicationRecord record) {
            return record;
        }
        if (message instanceof AlertMessage alert && clearAlerts) {
            throw ProtocolException.alertReceived(alert.alert());
        }
        throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                "expected an encrypted record, got " + message.type().wireName());
    }
}
