package dev.minitls.testing;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.tls13.HandshakeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Two connected ends of the {@link Tls13Records} port in memory, for the domain's TLS 1.3 handshake tests. No bytes
 * are encoded: a message's "bytes" are its type and a number unique in the pair, the same on both ends, so the two
 * transcripts agree exactly when the two sides saw the same messages in the same order. What it does check is what
 * a record layer checks: each item is readable only under the keys it was written with (a different key is
 * {@code bad_record_mac}), application data only once the reader's second key (the application's) is in place, and
 * a receive waits at most {@link #PATIENCE}. A test may rewrite the messages one end sends ({@link #tamper}).
 */
public final class InMemoryTls13Records implements Tls13Records {

    /** How long a receive waits for the peer: generous, the peer is a thread of the same test. */
    public static final long PATIENCE_SECONDS = 10;

    /** One item in flight, a message, data or an alert, with the keys it was written under (null: in clear). */
    private record Item(Incoming content, Alert alert, Object keys) {
    }

    private final Shared shared;
    private final BlockingQueue<Item> inbox;
    private final BlockingQueue<Item> outbox;
    private final String name;
    private final List<Item> queued = new ArrayList<>();
    private volatile UnaryOperator<HandshakeMessage> tamper = UnaryOperator.identity();
    private Object readKeys;
    private Object writeKeys;
    private int readKeyCount;
    private volatile boolean closed;
    /** Every alert this end sent, in order. */
    public final List<Alert> alertsSent = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static final class Shared {
        private int counter;

        synchronized int next() {
            return ++counter;
        }
    }

    private InMemoryTls13Records(Shared shared, BlockingQueue<Item> inbox, BlockingQueue<Item> outbox, String name) {
        this.shared = shared;
        this.inbox = inbox;
        this.outbox = outbox;
        this.name = name;
    }

    /** A connected pair: {@code [0]} the client's end, {@code [1]} the server's. */
    public static InMemoryTls13Records[] pair() {
        Shared shared = new Shared();
        BlockingQueue<Item> toServer = new LinkedBlockingQueue<>();
        BlockingQueue<Item> toClient = new LinkedBlockingQueue<>();
        return new InMemoryTls13Records[] {new InMemoryTls13Records(shared, toClient, toServer, "server"),
                new InMemoryTls13Records(shared, toServer, toClient, "client")};
    }

    /** Rewrites each handshake message this end sends, before its bytes are made (so the bytes are the new one's). */
    public void tamper(UnaryOperator<HandshakeMessage> rewrite) {
        this.tamper = Objects.requireNonNull(rewrite);
    }

    /** The rewrite in place, so that a test can wrap it. */
    public UnaryOperator<HandshakeMessage> tampering() {
        return tamper;
    }

    /** Sends {@code content} at once under the current write keys, as a hostile peer might at any point. */
    public synchronized void inject(Incoming content) {
        outbox.add(new Item(content, null, writeKeys));
    }

    @Override
    public synchronized byte[] send(HandshakeMessage message) {
        HandshakeMessage sent = tamper.apply(message);
        byte[] bytes = (sent.type().rfcName() + "#" + shared.next()).getBytes(StandardCharsets.US_ASCII);
        queued.add(new Item(new HandshakeIn(sent, bytes), null, writeKeys));
        return bytes;
    }

    @Override
    public synchronized void flush() {
        checkOpen();
        outbox.addAll(queued);
        queued.clear();
    }

    @Override
    public Incoming receive() {
        checkOpen();
        Item item;
        try {
            item = inbox.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(Failure.IO_ERROR, "interrupted");
        }
        if (item == null) {
            throw new ProtocolException(Failure.TIMEOUT, "nothing from the " + peer() + " within the patience");
        }
        if (!Objects.equals(item.keys(), readKeys)) {
            throw new ProtocolException(Failure.BAD_RECORD_MAC, "a record written under other keys");
        }
        if (item.alert() != null) {
            if (item.alert() == Alert.CLOSE_NOTIFY) {
                return new CloseNotify();
            }
            throw ProtocolException.alertReceived(item.alert());
        }
        if (item.content() instanceof DataIn && readKeyCount < 2) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "application data during the handshake");
        }
        return item.content();
    }

    @Override
    public void protectReads(AeadAlgorithm aead, byte[] key, byte[] iv) {
        readKeys = List.of(aead, HexFormat.of().formatHex(key), HexFormat.of().formatHex(iv));
        readKeyCount++;
    }

    @Override
    public synchronized void protectWrites(AeadAlgorithm aead, byte[] key, byte[] iv) {
        writeKeys = List.of(aead, HexFormat.of().formatHex(key), HexFormat.of().formatHex(iv));
    }

    @Override
    public long writesLeft() {
        return RecordLimits.MAX_RECORDS_PER_KEY;
    }

    @Override
    public synchronized void sendData(byte[] data) {
        checkOpen();
        outbox.add(new Item(new DataIn(data.clone()), null, writeKeys));
    }

    @Override
    public synchronized void sendAlert(Alert alert) {
        checkOpen();
        flush();
        alertsSent.add(alert);
        outbox.add(new Item(null, alert, writeKeys));
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Whether this end was closed. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String peer() {
        return name;
    }

    private void checkOpen() {
        if (closed) {
            throw new ProtocolException(Failure.IO_ERROR, "closed");
        }
    }
}
