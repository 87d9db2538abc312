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
import dev.minitls.domain.keys.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TLS 1.3 connection after its handshake (RFC 8446 section 4.6 and 6): application data both ways, KeyUpdate
 * both ways, close_notify. It exists only with the proof that the peer's Finished was checked. One thread may send
 * while another receives; writes (our data, our KeyUpdate, the answer to the peer's) never interleave.
 *
 * <p>Any failure sends the alert section 6 names, closes the connection and is thrown; a fatal alert from the peer
 * closes it and is thrown as {@code ALERT_RECEIVED}.
 *
 * <p>However the session ends (closed by either side, or failed), the traffic secrets of both directions are
 * destroyed and the record layer is closed, which destroys its record keys and IVs; after a KeyUpdate the old
 * traffic secret is destroyed at once (the record layer destroys the old record key). A {@link #close()} while
 * another thread is in {@link #receive()} ends that receive with {@code IO_ERROR} ("the session was closed by this
 * side"): nothing more is sent or traced for it, and no destroyed key is used.
 *
 * <p>What the peer can make us do is bounded: its KeyUpdates asking for ours are answered with one KeyUpdate
 * before our next application data (section 4.6.3: a peer that asks many times while we are silent gets one
 * answer), and at most {@link #MAX_RECORDS_WITHOUT_DATA} records in a row may come without a byte of application
 * data (KeyUpdates, NewSessionTickets, empty application data records); one more is {@code unexpected_message}.
 */
public final class Tls13Session implements SecureSession {

    /**
     * How many records in a row may carry no application data: OpenSSL's limit on KeyUpdates in a row and on empty
     * records; well above what a real peer sends (OpenSSL sends two tickets after a handshake, the JDK one).
     */
    public static final int MAX_RECORDS_WITHOUT_DATA = 32;

    private final Tls13Records records;
    private final Side side;
    private final Tls13Keys keys;
    private final Tracer tracer;
    private final Object writeLock = new Object();
    private volatile boolean closed;
    private TrafficSecret writeSecret;
    private volatile TrafficSecret readSecret;
    private boolean updateOwed;
    private int withoutData;
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
        keys.destroyHandshakeSecrets();
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
     * Sends {@code data} as application data. A KeyUpdate the peer asked for goes out first; when the write key is
     * near its 2^24 records, it is updated first too (a KeyUpdate of our own) instead of closing the connection.
     *
     * @throws IllegalStateException once the session ended or this side sent close_notify
     */
    @Override
    public void send(byte[] data) {
        synchronized (writeLock) {
            checkOpen();
            guarded(() -> {
                if (updateOwed || records.writesLeft() <= 1 + data.length / (1 << 14)) {
                    updateWrites(false);
                }
                records.sendData(data);
            });
        }
    }

    /**
     * Sends a KeyUpdate asking the peer to update its keys too (update_requested), then writes under the next key.
     *
     * @throws IllegalStateException once the session ended or this side sent close_notify
     */
    @Override
    public void requestKeyUpdate() {
        synchronized (writeLock) {
            checkOpen();
            guarded(() -> updateWrites(true));
        }
    }

    /**
     * The next application data, or empty once the peer sent close_notify. A KeyUpdate from the peer is applied
     * (and, when it asks, answered before our next data); a client ignores NewSessionTicket (minitls does not resume
     * sessions); any other handshake message is {@code unexpected_message}.
     *
     * @throws ProtocolException when the connection failed (it is closed), and with {@code IO_ERROR} when another
     *     thread closed this session meanwhile
     */
    @Override
    public Optional<byte[]> receive() {
        while (true) {
            Tls13Records.Incoming incoming = guarded(records::receive);
            if (closed) {
                // Whatever came in while another thread closed this side (the peer's answering close_notify, say),
                // the session is over for this receive the same way.
                throw new ProtocolException(Failure.IO_ERROR, "the session was closed by this side");
            }
            if (incoming instanceof Tls13Records.CloseNotify) {
                tracer.tell(new Event.AlertReceived(Alert.CLOSE_NOTIFY, Optional.empty()));
                return Optional.empty();
            }
            guarded(() -> countWithoutData(incoming));
            if (incoming instanceof Tls13Records.DataIn data) {
                return Optional.of(data.data());
            }
            guarded(() -> onHandshakeMessage(((Tls13Records.HandshakeIn) incoming).message()));
        }
    }

    /** Counts the records in a row without application data; one past the limit is {@code unexpected_message}. */
    private void countWithoutData(Tls13Records.Incoming incoming) {
        if (incoming instanceof Tls13Records.DataIn data && data.data().length > 0) {
            withoutData = 0;
        } else if (++withoutData > MAX_RECORDS_WITHOUT_DATA) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "more than " + MAX_RECORDS_WITHOUT_DATA
                    + " records in a row without application data (KeyUpdate, NewSessionTicket or empty records)");
        }
    }

    private void onHandshakeMessage(Object message) {
        if (message instanceof KeyUpdate update) {
            tracer.tell(new Event.Tls13MessageReceived(update));
            TrafficSecret next = readSecret.next();
            keys.protectReads(records, next);
            retire(readSecret);
            readSecret = next;
            if (closed) {
                // Closed meanwhile by another thread, which may have destroyed the secret before this one.
                retire(next);
            }
            if (update.updateRequested()) {
                synchronized (writeLock) {
                    updateOwed = true;
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
        TrafficSecret next = writeSecret.next();
        keys.protectWrites(records, next);
        retire(writeSecret);
        writeSecret = next;
        updateOwed = false;
    }

    /**
     * Sends close_notify and goes on receiving until the peer's own; nothing more can be sent (section 6.1), not even
     * the answer to a KeyUpdate.
     * Does nothing once close_notify was sent or the session ended.
     */
    @Override
    public void closeOutbound() {
        synchronized (writeLock) {
            if (closeNotifySent || closed) {
                return;
            }
            guarded(this::sendCloseNotify);
        }
    }

    /**
     * Sends close_notify (unless {@link #closeOutbound()} did) and closes the connection; every key is destroyed.
     * Closing twice does nothing.
     */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!closeNotifySent) {
                    sendCloseNotify();
                }
            } catch (RuntimeException e) {
                // The peer is gone already; closing is all that is left to do.
            } finally {
                end();
            }
        }
    }

    /** Closes the record layer (which destroys its keys) and destroys both traffic secrets. */
    private void end() {
        closed = true;
        records.close();
        synchronized (writeLock) {
            retire(writeSecret);
        }
        retire(readSecret);
    }

    private static void retire(TrafficSecret secret) {
        secret.secret().destroy();
    }

    /** This session's current traffic secrets (ours, then the peer's) and the handshake's: for tests. */
    List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>(List.of(writeSecret.secret(), readSecret.secret()));
        secrets.addAll(keys.handshakeSecrets().values());
        return secrets;
    }

    private void sendCloseNotify() {
        closeNotifySent = true;
        records.sendAlert(Alert.CLOSE_NOTIFY);
        tracer.tell(new Event.AlertSent(Alert.CLOSE_NOTIFY, Optional.empty()));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this session is closed");
        }
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

    /**
     * Runs {@code action}; a failure ends the session (the alert it names, then every key destroyed) and is thrown.
     * When this side had closed the session meanwhile, the failure is only that: {@code IO_ERROR}, no alert, no
     * trace.
     */
    private <T> T guarded(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            if (closed) {
                throw new ProtocolException(Failure.IO_ERROR, "the session was closed by this side", e);
            }
            MessageIo.Ending ending;
            synchronized (writeLock) {
                closed = true;
                ending = abort(records, e);
            }
            end();
            tracer.sessionFailed(e, ending);
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
