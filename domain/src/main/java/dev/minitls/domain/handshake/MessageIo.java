package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.record.ContentType;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trace.Side;
import java.util.Optional;

/**
 * One connection's messages: encodes and decodes them, passes them through the current {@link RecordLayer}, and
 * hands back the exact handshake frames so the caller decides when each one enters the transcript. A message of
 * another kind than the one expected, and an alert from the peer, are caught here, once, for every state.
 */
final class MessageIo {

    private final FrameChannel channel;
    private final CryptoProvider crypto;
    private final FlightBuffer out;
    private final WireFormats formats;
    private final MessageCodec codec;
    private final VersionPolicy policy;
    private final Side side;
    private final Object writeLock = new Object();
    private volatile RecordLayer records;
    private volatile boolean keysDestroyed;

    MessageIo(FrameChannel channel, CryptoProvider crypto, WireFormats formats, VersionPolicy policy, Side side) {
        this.channel = channel;
        this.crypto = crypto;
        this.out = new FlightBuffer(channel);
        this.formats = formats;
        this.codec = policy.codec(formats);
        this.policy = policy;
        this.side = side;
        this.records = new RecordLayer.Clear(out);
    }

    /**
     * Encodes and sends a handshake message; returns its exact frame, which is what the transcript hashes, and the
     * record it went out in. It leaves with the rest of its flight: at the next read or {@link #flush()}.
     */
    Sent send(Message message) {
        byte[] frame = codec.encode(message);
        return new Sent(frame, write(ContentType.HANDSHAKE, frame, false));
    }

    /** Receives the next handshake message, which must be of {@code type}. */
    <T extends Message> Received<T> receive(MessageType expected, Class<T> type) {
        flush();
        // A clear alert can be genuine only on the server: the client may fail before it has keys, the server cannot.
        RecordLayer.Content content = records.read(side == Side.SERVER);
        if (content.type() == ContentType.APPLICATION_DATA) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                    "expected " + expected.wireName() + ", got application data");
        }
        return expect(decode(content.bytes(), expected), content, expected, type);
    }

    /**
     * The server's first message, decoded before this connection's protocol was known (the frame decided it):
     * checked as every later message is.
     */
    <T extends Message> Received<T> first(Message message, byte[] frame, MessageType expected, Class<T> type) {
        return expect(message, new RecordLayer.Content(ContentType.HANDSHAKE, frame, RecordTrace.IN_CLEAR), expected,
                type);
    }

    /** {@code message}, which came as {@code content}, if it is of {@code type}; the peer's alert, reported. */
    private <T extends Message> Received<T> expect(Message message, RecordLayer.Content content,
            MessageType expected, Class<T> type) {
        // In clear every frame is read as handshake content; in a record the content type says what it is.
        boolean mayBeAlert = content.type() == ContentType.ALERT || records instanceof RecordLayer.Clear;
        if (message instanceof AlertMessage alert && mayBeAlert) {
            throw ProtocolException.alertReceived(alert.alert());
        }
        if (!type.isInstance(message) || content.type() == ContentType.ALERT) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                    "expected " + expected.wireName() + ", got " + message.type().wireName());
        }
        return new Received<>(type.cast(message), content.bytes(), content.record());
    }

    /**
     * Decodes a handshake frame. One that does not decode but is a well-formed message of the other protocol
     * version means the peer speaks that version: that is reported as such, and never answered by falling back.
     */
    private Message decode(byte[] frame, MessageType expected) {
        try {
            return codec.decode(frame, expected);
        } catch (ProtocolException e) {
            if (!(records instanceof RecordLayer.Clear)) {
                throw e;
            }
            VersionPolicy other = policy.other();
            try {
                other.codec(formats).decode(frame, expected);
            } catch (ProtocolException notThatEither) {
                throw e;
            }
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION, "the peer speaks protocol " + other.version()
                    + ", this side " + policy.version() + "; refusing to fall back (choose the protocol explicitly)");
        }
    }

    /** From now on, everything goes in records under {@code keys}, sequence numbers starting at 0. */
    void protect(DirectionalKeys keys) {
        protect(new RecordSealer(crypto, keys.writeKeys(side), policy.recordFormat()),
                new RecordOpener(crypto, keys.readKeys(side), policy.recordFormat()));
    }

    /** From now on, everything goes in records sealed by {@code sealer} and opened by {@code opener}. */
    void protect(RecordSealer sealer, RecordOpener opener) {
        RecordLayer retired = records;
        records = policy.records(out, codec, sealer, opener);
        // What the retired keys sealed went out or waits in the flight, already sealed; nothing more will be.
        retired.destroy();
    }

    /**
     * From now on, what this side receives is under {@code keys}, sequence numbers starting at 0; what it sends
     * stays under its current key, whose sequence numbers go on.
     */
    void protectReads(DirectionalKeys keys) {
        if (!(records instanceof RecordLayer.V2Records current)) {
            throw new IllegalStateException("only protocol v2 records change keys one direction at a time");
        }
        records = new RecordLayer.V2Records(out, codec, current.sealer(),
                new RecordOpener(crypto, keys.readKeys(side), policy.recordFormat()));
        current.opener().destroy();
    }

    /**
     * Destroys the record keys in use: the connection is over, however it ended. Called once the last record (an
     * alert, close_notify) was traced; under the write lock, so that no record is being sealed meanwhile.
     */
    void destroyKeys() {
        synchronized (writeLock) {
            keysDestroyed = true;
            records.destroy();
        }
    }

    /** Whether {@link #destroyKeys()} was called: a record being opened meanwhile found no key. */
    boolean keysDestroyed() {
        return keysDestroyed;
    }

    /**
     * Seals and sends one piece of content, at once when {@code now}, else with its flight. Sealing takes the next
     * sequence number and sending must keep that order on the wire, so both happen under one lock: a receiving
     * thread that answers close_notify or sends an alert can never interleave with a sending thread, which would
     * reuse or reorder nonces.
     */
    private RecordTrace write(ContentType type, byte[] content, boolean now) {
        synchronized (writeLock) {
            RecordTrace record = records.write(type, content);
            if (now) {
                out.flush();
            }
            return record;
        }
    }

    /** Writes what is held of the current flight; the handshake calls it once it is over. */
    void flush() {
        synchronized (writeLock) {
            out.flush();
        }
    }

    /** Sends application data at once; returns the record it went out in, for traces. */
    RecordTrace sendData(byte[] data) {
        return write(ContentType.APPLICATION_DATA, data, true);
    }

    /**
     * The next application data, or no data when the peer ended the session with close_notify; with the record
     * either came in.
     *
     * @throws ProtocolException for anything else, including any other alert
     */
    Incoming receiveData() {
        RecordLayer.Content content = records.read(false);
        if (content.type() == ContentType.APPLICATION_DATA) {
            return new Incoming(Optional.of(content.bytes()), content.record());
        }
        Message message = codec.decode(content.bytes(), MessageType.ALERT);
        if (content.type() == ContentType.ALERT && message instanceof AlertMessage alert) {
            if (alert.alert() == Alert.CLOSE_NOTIFY) {
                return new Incoming(Optional.empty(), content.record());
            }
            throw ProtocolException.alertReceived(alert.alert());
        }
        throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                "got " + message.type().wireName() + " after the handshake");
    }

    /** Sends an alert at once, in a protocol that has alerts; returns the record it went out in, for traces. */
    RecordTrace sendAlert(Alert alert) {
        return write(ContentType.ALERT, codec.encode(new AlertMessage(alert)), true);
    }

    /**
     * Ends the connection after a failure: what is held of the current flight goes first (its records took the
     * sequence numbers before the alert's), then the failure's alert when the protocol has alerts and the connection
     * may still carry one, then the connection is closed. Sending is best effort: the peer may be gone already.
     *
     * @return the alert sent and its record, for traces
     */
    Ending abort(RuntimeException failure) {
        Optional<Alert> alert = failure instanceof ProtocolException e ? e.failure().alert()
                : Optional.of(Alert.INTERNAL_ERROR);
        try {
            flush();
            if (alert.isPresent() && policy.hasAlerts()) {
                return new Ending(alert, sendAlert(alert.get()));
            }
        } catch (RuntimeException ignored) {
            // The connection is failing already; the original failure is what the caller reports.
        } finally {
            channel.close();
        }
        return Ending.SILENT;
    }

    /** Records the current write key may still protect. */
    long remainingRecords() {
        return records.remaining();
    }

    FrameChannel channel() {
        return channel;
    }

    VersionPolicy policy() {
        return policy;
    }

    /** A sent message's exact frame, and the record it went out in. */
    record Sent(byte[] frame, RecordTrace record) {
    }

    /** A received message, the exact frame it came in, and that frame's record. */
    record Received<T extends Message>(T message, byte[] frame, RecordTrace record) {
    }

    /** What a side sent as it ended a connection: the alert and the record it went in, or no alert. */
    record Ending(Optional<Alert> alert, RecordTrace record) {

        /** No alert: v1 has none, the failure has none, one went out before, or the peer was gone. */
        static final Ending SILENT = new Ending(Optional.empty(), RecordTrace.IN_CLEAR);
    }

    /** Application data, or none at close_notify, and the record it came in. */
    record Incoming(Optional<byte[]> data, RecordTrace record) {
    }
}
