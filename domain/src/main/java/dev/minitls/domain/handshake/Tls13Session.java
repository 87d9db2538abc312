package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.Tls13KeySchedule.TrafficSecret;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.tls13.KeyUpdate;
import dev.minitls.domain.tls13.NewSessionTicket;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import java.util.Objects;
import java.util.Optional;

/**
 * A TLS 1.3 connection after its handshake (RFC 8446 section 4.6 and 6): application data both ways, KeyUpdate
 * both ways, close_notify. It exists only with the proof that the peer's Finished was checked. One thread may send
 * while another receives; writes (our data, our KeyUpdate, the answer to the peer's) never interleave.
 *
 * <p>Any failure sends the alert section 6 names, closes the connection and is thrown; a fatal alert from the peer
 * closes it and is thrown as {@code ALERT_RECEIVED}.
 */
public final class Tls13Session implements SecureSession {

    private final Tls13Records records;
    private final Side side;
    private final Tls13Keys keys;
    private final Tracer tracer;
    private final Object writeLock = new Object();
    private TrafficSecret writeSecret;
    private TrafficSecret readSecret;
    private boolean closeNotifySent;

    Tls13Session(Tls13Records records, Side side, Tls13Keys keys, TrafficSecret client, TrafficSecret server,
            Tracer tracer, FinishedVerified peerFinished) {
        Objects.requireNonNull(peerFinished, "the peer's Finished, verified");
        this.records = records;
        this.side = side;
        this.keys = keys;
        this.tracer = tracer;
        this.writeSecret = side == Side.CLIENT ? client : server;
        this.readSecret = side == Side.CLIENT ? server : client;
    }

    /** The cipher suite negotiated, e.g. {@code TLS_AES_128_GCM_SHA256}. */
    public String cipherSuite() {
        return keys.suite().suite().name();
    }

    /** {@link ProtocolVersion#TLS13}. */
    @Override
    public ProtocolVersion protocol() {
        return ProtocolVersion.TLS13;
    }

    /** The peer's address. */
    @Override
    public String peer() {
        return records.peer();
    }

    /**
     * Sends {@code data} as application data. When the write key is near its 2^24 records, it is updated first
     * (a KeyUpdate of our own) instead of closing the connection.
     */
    @Override
    public void send(byte[] data) {
        synchronized (writeLock) {
            requireOpenForSending();
            guarded(() -> {
                if (records.writesLeft() <= 1 + data.length / (1 << 14)) {
                    updateWrites(false);
                }
                records.sendData(data);
            });
        }
    }

    /**
     * Sends a KeyUpdate asking the peer to update its keys too (update_requested), then writes under the next key.
     *
     * @throws IllegalStateException once this side sent close_notify
     */
    public void requestKeyUpdate() {
        synchronized (writeLock) {
            requireOpenForSending();
            guarded(() -> updateWrites(true));
        }
    }

    /**
     * The next application data, or empty once the peer sent close_notify. A KeyUpdate from the peer is applied
     * (and answered with ours when it asks); a client ignores NewSessionTicket (minitls does not resume sessions);
     * any other handshake message is {@code unexpected_message}.
     */
    @Override
    public Optional<byte[]> receive() {
        while (true) {
            Tls13Records.Incoming incoming = guarded(records::receive);
            if (incoming instanceof Tls13Records.DataIn data) {
                return Optional.of(data.data());
            }
            if (incoming instanceof Tls13Records.CloseNotify) {
                tracer.tell(new Event.AlertReceived(Alert.CLOSE_NOTIFY, Optional.empty()));
                return Optional.empty();
            }
            guarded(() -> onHandshakeMessage(((Tls13Records.HandshakeIn) incoming).message()));
        }
    }

    private void onHandshakeMessage(Object message) {
        if (message instanceof KeyUpdate update) {
            tracer.tell(new Event.Tls13MessageReceived(update));
            readSecret = readSecret.next();
            keys.protectReads(records, readSecret);
            synchronized (writeLock) {
                // Nothing goes out after close_notify, not even the answer (section 6.1).
                if (update.updateRequested() && !closeNotifySent) {
                    updateWrites(false);
                }
            }
        } else if (!(message instanceof NewSessionTicket && side == Side.CLIENT)) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                    "a " + message.getClass().getSimpleName() + " after the handshake");
        }
    }

    /** Sends a KeyUpdate under the current key, then writes under the next one (section 4.6.3). */
    private void updateWrites(boolean requestUpdate) {
        KeyUpdate update = new KeyUpdate(requestUpdate);
        records.send(update);
        records.flush();
        tracer.tell(new Event.Tls13MessageSent(update));
        writeSecret = writeSecret.next();
        keys.protectWrites(records, writeSecret);
    }

    /** Sends close_notify and goes on receiving until the peer's own; nothing more can be sent (section 6.1). */
    @Override
    public void closeOutbound() {
        guarded(this::sendCloseNotify);
    }

    /** Sends close_notify, unless {@link #closeOutbound()} did, and closes the connection. */
    @Override
    public void close() {
        try {
            sendCloseNotify();
        } catch (ProtocolException e) {
            // The peer is gone already; closing is all that is left to do.
        } finally {
            records.close();
        }
    }

    private void sendCloseNotify() {
        synchronized (writeLock) {
            if (closeNotifySent) {
                return;
            }
            closeNotifySent = true;
            records.sendAlert(Alert.CLOSE_NOTIFY);
        }
        tracer.tell(new Event.AlertSent(Alert.CLOSE_NOTIFY, Optional.empty()));
    }

    private void requireOpenForSending() {
        if (closeNotifySent) {
            throw new IllegalStateException("this session is closed for sending");
        }
    }

    private void guarded(Runnable action) {
        guarded(() -> {
            action.run();
            return null;
        });
    }

    private <T> T guarded(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            tracer.sessionFailed(e, abort(records, e));
            throw e;
        }
    }

    /**
     * Ends a failing connection: the alert the failure names (internal_error for a bug), unless the peer's alert
     * ended it, then closes. Returns what was sent, for the trace.
     */
    static MessageIo.Ending abort(Tls13Records records, RuntimeException failure) {
        Optional<Alert> alert = failure instanceof ProtocolException e ? e.failure().alert()
                : Optional.of(Alert.INTERNAL_ERROR);
        try {
            if (alert.isPresent()) {
                records.sendAlert(alert.get());
                return new MessageIo.Ending(alert, RecordTrace.IN_CLEAR);
            }
        } catch (RuntimeException ignored) {
            // The connection is failing already; the original failure is what the caller reports.
        } finally {
            records.close();
        }
        return MessageIo.Ending.SILENT;
    }
}
