package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection after a successful handshake (seed step 15): application data both ways in encrypted records. It
 * can only be made by a handshake that verified the peer's Finished.
 *
 * <p>In protocol v2 the session ends with close_notify: {@link #close()} sends one, and {@link #receive()} answers
 * one with its own. A v2 connection that ends without close_notify is reported as truncated, since an attacker
 * could have cut it. Protocol v1 has no closing message: a closed TCP connection ends the session.
 *
 * <p>One thread may send while another receives (records are sealed and written under one lock, so the receiving
 * thread's close_notify or alert never interleaves with data); each direction itself is single-threaded. Every
 * record sent or received is reported to the observer (seed step 15) with its sequence number, nonce, ciphertext
 * and plaintext.
 *
 * <p>However the session ends (closed by either side, or failed), the record keys are destroyed once the last record
 * was traced: the AEADs with their keys, and the IVs.
 */
public final class SecureChannel implements SecureSession {

    private final MessageIo io;
    private final Tracer tracer;
    private volatile boolean closed;
    private boolean closeNotifySent;

    SecureChannel(MessageIo io, Side side, HandshakeObserver observer, FinishedVerified peerFinished) {
        Objects.requireNonNull(peerFinished, "a secure channel needs the peer's verified Finished");
        this.io = io;
        this.tracer = new Tracer(observer, side, io.channel().peer());
    }

    /** The protocol this channel speaks: v1 or v2. */
    @Override
    public ProtocolVersion protocol() {
        return io.policy().version();
    }

    /**
     * Sends one message as one record.
     *
     * @throws IllegalArgumentException when the message is over 16 KiB; nothing is sent
     * @throws IllegalStateException after {@link #close()} or {@link #closeOutbound()}
     * @throws ProtocolException when the connection failed; it is closed
     */
    @Override
    public void send(byte[] message) {
        if (message.length > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a record holds at most " + RecordLimits.MAX_PLAINTEXT
                    + " bytes, got " + message.length);
        }
        RecordTrace record;
        // Under the same monitor as close_notify: nothing is ever sealed after it.
        synchronized (this) {
            if (closeNotifySent || closed) {
                throw new IllegalStateException("this channel is closed for sending");
            }
            if (io.policy().hasAlerts() && io.remainingRecords() <= 1) {
                close();
                throw new ProtocolException(Failure.SEQUENCE_EXHAUSTED,
                        "no records left under this key; the session was closed with close_notify");
            }
            try {
                record = io.sendData(message);
            } catch (RuntimeException e) {
                closed = true;
                tracer.sessionFailed(e, io.abort(e));
                io.destroyKeys();
                throw e;
            }
        }
        if (tracer.active()) {
            tracer.tell(new Event.DataSent(message.length, record.traced().orElseThrow()));
        }
    }

    /**
     * The next message, or empty when the session ended cleanly: with close_notify in v2 (answered with our own),
     * with the connection closed between records in v1.
     *
     * @throws ProtocolException when a record is malformed, out of sequence or fails authentication, when the peer
     *     sent an alert, or when a v2 connection was closed without close_notify; the connection is then closed.
     *     When nothing arrived within the transport's read timeout ({@code TIMEOUT}) this side ends the session
     *     itself, in v2 with close_notify, since the peer did nothing wrong. When another thread closed this side
     *     of the session while a record was being received ({@code IO_ERROR}), nothing more is sent or traced.
     */
    @Override
    public Optional<byte[]> receive() {
        MessageIo.Incoming incoming;
        try {
            incoming = io.receiveData();
        } catch (ProtocolException e) {
            if (e.failure() == Failure.PEER_CLOSED && !io.policy().hasAlerts()) {
                closed = true;
                io.channel().close();
                io.destroyKeys();
                return Optional.empty();
            }
            if (e.failure() == Failure.TIMEOUT) {
                tracer.sessionFailed(e, end());
                io.destroyKeys();
                throw e;
            }
            fail(e);
            if (e.failure() == Failure.PEER_CLOSED) {
                throw new ProtocolException(Failure.TRUNCATED, "the peer closed the connection without close_notify");
            }
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException && closed && io.keysDestroyed()) {
                // Another thread closed the session while this one read a record: its key is gone with the session,
                // which ended as this side wanted, so nothing more is sent or traced.
                throw new ProtocolException(Failure.IO_ERROR, "the session was closed by this side", e);
            }
            fail(e);
            throw e;
        }
        Optional<byte[]> message = incoming.data();
        if (message.isEmpty()) {
            tracer.tell(new Event.AlertReceived(Alert.CLOSE_NOTIFY, incoming.record().traced()));
            close();
        } else if (tracer.active()) {
            tracer.tell(new Event.DataReceived(message.get().length, incoming.record().traced().orElseThrow()));
        }
        return message;
    }

    /**
     * Says that this side will send nothing more but keeps receiving: in v2 a close_notify goes out, and
     * {@link #receive()} goes on until the peer's own close_notify. In v1, which cannot say so, this closes.
     */
    @Override
    public void closeOutbound() {
        if (!io.policy().hasAlerts()) {
            close();
            return;
        }
        traceCloseNotify(sendCloseNotify());
    }

    /** The peer's address, for log lines. */
    @Override
    public String peer() {
        return io.channel().peer();
    }

    /** Ends the session: close_notify first in v2, then the connection is closed. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed) {
            traceCloseNotify(end());
            io.destroyKeys();
        }
    }

    /** Ends the session from this side: close_notify in v2, then the connection is closed; what went out. */
    private MessageIo.Ending end() {
        closed = true;
        try {
            return sendCloseNotify();
        } catch (RuntimeException e) {
            // The peer may be gone already; closing is all that is left to do.
            return MessageIo.Ending.SILENT;
        } finally {
            io.channel().close();
        }
    }

    /** Ends the connection after a failure; no alert follows our own close_notify. */
    private synchronized void fail(RuntimeException e) {
        closed = true;
        if (closeNotifySent) {
            io.channel().close();
            tracer.sessionFailed(e, MessageIo.Ending.SILENT);
        } else {
            tracer.sessionFailed(e, io.abort(e));
        }
        io.destroyKeys();
    }

    /** Sends close_notify, unless it went out before or the protocol has none (v1); what went out now. */
    private synchronized MessageIo.Ending sendCloseNotify() {
        boolean due = !closeNotifySent && io.policy().hasAlerts();
        closeNotifySent = true;
        if (!due) {
            return MessageIo.Ending.SILENT;
        }
        return new MessageIo.Ending(Optional.of(Alert.CLOSE_NOTIFY), io.sendAlert(Alert.CLOSE_NOTIFY));
    }

    private void traceCloseNotify(MessageIo.Ending ending) {
        ending.alert().ifPresent(alert -> tracer.tell(new Event.AlertSent(alert, ending.record().traced())));
    }
}
