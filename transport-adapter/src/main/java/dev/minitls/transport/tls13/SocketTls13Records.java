package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.RecordContentType;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.transport.tcp.BoundedSocket;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link Tls13Records} port over a TCP socket: the binary codec, records of at most 2^14 bytes (the protected
 * messages of a flight share them, a long message spans several), reassembly of messages split across or coalesced
 * in records, the inner content type (no padding is sent; any is accepted), nonces and sequence numbers per key. A
 * change_cipher_spec record (the one byte 0x01, in clear) is dropped from the first ClientHello on until the
 * application keys are read with (section 5: "MUST simply drop it"; the JDK sends two around a HelloRetryRequest), at
 * most {@link #MAX_CHANGE_CIPHER_SPECS} of them; one before the ClientHello, after the handshake or past that count is
 * {@code unexpected_message}. Each record must be whole within the read timeout and each flight taken by the peer
 * within the write timeout ({@link BoundedSocket}); no record longer than 5 + 2^14 + 256 bytes is read. One thread may
 * send while another receives.
 *
 * <p>Each key is destroyed (its AEAD with the key, and its IV) as soon as the next one replaces it, and every key
 * when the connection is closed, whoever closes it: a receive or send racing with {@link #close()} then fails
 * with an {@link IllegalStateException} or a socket error, never under a destroyed key.
 *
 * <p>{@link #observedBy(HandshakeObserver)} an observer that {@linkplain HandshakeObserver#wantsRecords() wants
 * them}, every record is told as its bytes crossed the wire, both directions ({@link Event.Tls13RecordSent},
 * {@link Event.Tls13RecordReceived}); otherwise nothing is captured.
 */
public final class SocketTls13Records implements Tls13Records {

    /** Read keys installed before application data may come: the handshake's, then the application's. */
    private static final int APPLICATION_READ_KEYS = 2;

    /**
     * How many change_cipher_spec records a handshake may hold: a peer in middlebox compatibility mode sends one per
     * flight (two around a HelloRetryRequest); more is a peer wasting our time.
     */
    public static final int MAX_CHANGE_CIPHER_SPECS = 4;

    private final BoundedSocket socket;
    private final CryptoProvider crypto;
    private final RecordReader records;
    private final HandshakeCodec codec = new HandshakeCodec();
    private final HandshakeReassembler reassembler = new HandshakeReassembler();
    private final Object writeLock = new Object();
    /** Records to send at the next flush, each as it goes on the wire. */
    private final List<byte[]> queued = new ArrayList<>();
    /**
     * Handshake messages sent under the current write keys and not yet in a record: a flight's messages share their
     * records (as RFC 8448's server does), sealed at the next flush, key change, alert or application data.
     */
    private final List<byte[]> unsealed = new ArrayList<>();
    /**
     * The step of the last message in {@link #unsealed}: its records are told with it, as they leave once the
     * flight is complete.
     */
    private Step unsealedStep;
    private final Object readKeyLock = new Object();
    private RecordProtection reading;
    private RecordProtection writing;
    private boolean closed;
    private volatile int readKeys;
    private int changeCipherSpecs;
    private volatile boolean helloTravelled;
    private final Side side;
    private HandshakeObserver observer = HandshakeObserver.NONE;
    /** The step of the last handshake message sent or received: that of an alert's record in the handshake. */
    private volatile Step lastStep = Step.CLIENT_HELLO;
    /** Records read but not yet told: they complete no message yet (or were a change_cipher_spec). */
    private final List<byte[]> untold = new ArrayList<>();

    private SocketTls13Records(BoundedSocket socket, CryptoProvider crypto, boolean server) {
        this.socket = socket;
        this.crypto = crypto;
        this.side = server ? Side.SERVER : Side.CLIENT;
        this.records = server ? RecordReader.server(socket.input()) : RecordReader.client(socket.input());
    }

    /**
     * A client's records over a connected socket, which it owns from now on.
     *
     * @param readTimeout how long each record may take to arrive whole, {@link Duration#ZERO} for ever
     * @param writeTimeout how long the peer may take to take each flight, {@link Duration#ZERO} for ever
     */
    public static SocketTls13Records client(Socket socket, CryptoProvider crypto, Duration readTimeout,
            Duration writeTimeout) {
        return new SocketTls13Records(new BoundedSocket(socket, readTimeout, writeTimeout), crypto, false);
    }

    /** A server's records: the first record, the client's first ClientHello, may say 0x0301. */
    public static SocketTls13Records server(Socket socket, CryptoProvider crypto, Duration readTimeout,
            Duration writeTimeout) {
        return new SocketTls13Records(new BoundedSocket(socket, readTimeout, writeTimeout), crypto, true);
    }

    /** A client's records over a socket already bounded in time, which it owns from now on. */
    public static SocketTls13Records client(BoundedSocket socket, CryptoProvider crypto) {
        return new SocketTls13Records(socket, crypto, false);
    }

    /**
     * A server's records over a socket already bounded in time (a server that read the first byte to tell the
     * protocol: {@link BoundedSocket#peekFirstByte()} keeps it for the first record), which it owns from now on.
     */
    public static SocketTls13Records server(BoundedSocket socket, CryptoProvider crypto) {
        return new SocketTls13Records(socket, crypto, true);
    }

    /**
     * Tells {@code observer} each record this side sends or receives from now on, when it
     * {@linkplain HandshakeObserver#wantsRecords() wants records}; call it before the first record.
     *
     * @return this
     */
    public SocketTls13Records observedBy(HandshakeObserver observer) {
        this.observer = observer.wantsRecords() ? observer : HandshakeObserver.NONE;
        return this;
    }

    /** Changes how long each later record may take to arrive whole (the handshake's bound, then the session's). */
    public void setReadTimeout(Duration readTimeout) {
        socket.setReadTimeout(readTimeout);
    }

    @Override
    public byte[] send(HandshakeMessage message) {
        byte[] bytes = codec.encode(message);
        helloTravelled = true;
        Step step = Event.tls13Step(message);
        lastStep = step;
        synchronized (writeLock) {
            requireOpen();
            unsealed.add(bytes);
            unsealedStep = step;
            if (writing == null) {
                // in clear: a flight of one message (ClientHello, ServerHello, HelloRetryRequest), its record told now
                sealHandshake();
            }
        }
        return bytes;
    }

    @Override
    public void flush() {
        synchronized (writeLock) {
            sealHandshake();
            byte[] bytes = queued.size() == 1 ? queued.get(0) : concatenated(queued);
            queued.clear();
            socket.write(bytes);
        }
    }

    @Override
    public void sendData(byte[] data) {
        synchronized (writeLock) {
            requireOpen();
            if (writing == null) {
                throw new IllegalStateException("application data before any key");
            }
            sealHandshake();
            for (byte[] fragment : TlsRecord.fragments(data)) {
                queue(Step.APPLICATION_DATA, record(RecordContentType.APPLICATION_DATA, fragment));
            }
            flush();
        }
    }

    @Override
    public void sendAlert(Alert alert) {
        synchronized (writeLock) {
            sealHandshake();
            queue(alertStep(), record(RecordContentType.ALERT, AlertCodec.encode(alert)));
            flush();
        }
    }

    /** Refuses what comes after {@link #close()}: nothing is sent, and no key is made. */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    /** Puts the handshake messages not yet in a record into as few records as they fit, under the current keys. */
    private void sealHandshake() {
        if (unsealed.isEmpty()) {
            return;
        }
        byte[] messages = unsealed.size() == 1 ? unsealed.get(0) : concatenated(unsealed);
        unsealed.clear();
        for (byte[] fragment : TlsRecord.fragments(messages)) {
            queue(unsealedStep, record(RecordContentType.HANDSHAKE, fragment));
        }
    }

    /** {@code pieces} one after the other, in one array: a flight leaves in one write. */
    private static byte[] concatenated(List<byte[]> pieces) {
        byte[] all = new byte[pieces.stream().mapToInt(piece -> piece.length).sum()];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
        }
        return all;
    }

    /** Queues a record's bytes for the next flush, and tells the observer of them. */
    private void queue(Step step, byte[] wire) {
        queued.add(wire);
        tell(() -> new Event.Tls13RecordSent(step, wire));
    }

    /** Tells the observer {@code event}, made (with its copy of the record's bytes) only when there is one. */
    private void tell(Supplier<Event> event) {
        if (observer != HandshakeObserver.NONE) {
            observer.onEvent(new TraceEvent(side, socket.peer(), event.get()));
        }
    }

    /** The step of an alert, or of a record that failed: the session's once the application keys read. */
    private Step alertStep() {
        return readKeys >= APPLICATION_READ_KEYS ? Step.APPLICATION_DATA : lastStep;
    }

    /** Tells the records read and not yet told, as belonging to {@code step}. */
    private void tellReceived(Step step) {
        for (byte[] wire : untold) {
            tell(() -> new Event.Tls13RecordReceived(step, wire));
        }
        untold.clear();
    }

    /** A record of {@code content}, in clear before the first key, as it goes on the wire. */
    private byte[] record(RecordContentType type, byte[] content) {
        return writing == null
                ? new TlsRecord(type, content).encode()
                : writing.seal(new InnerPlaintext(type, content), 0);
    }

    @Override
    public void protectReads(AeadAlgorithm aead, byte[] key, byte[] iv) {
        reassembler.keyChange();
        synchronized (readKeyLock) {
            reading = replace(reading, aead, key, iv);
        }
        readKeys++;
    }

    @Override
    public void protectWrites(AeadAlgorithm aead, byte[] key, byte[] iv) {
        synchronized (writeLock) {
            sealHandshake();
            writing = replace(writing, aead, key, iv);
        }
    }

    /** The new key of one direction; the old one is destroyed. Closed already: refused, nothing is made. */
    private RecordProtection replace(RecordProtection old, AeadAlgorithm aead, byte[] key, byte[] iv) {
        requireOpen();
        RecordProtection next = new RecordProtection(crypto.aead(aead, key), iv);
        if (old != null) {
            old.destroy();
        }
        return next;
    }

    @Override
    public long writesLeft() {
        synchronized (writeLock) {
            return writing == null ? RecordLimits.MAX_RECORDS_PER_KEY : writing.remaining();
        }
    }

    @Override
    public Incoming receive() {
        try {
            return receiveTold();
        } catch (RuntimeException e) {
            tellReceived(alertStep());
            throw e;
        }
    }

    private Incoming receiveTold() {
        while (true) {
            Optional<byte[]> message = reassembler.next();
            if (message.isPresent()) {
                helloTravelled = true;
                HandshakeMessage decoded = codec.decode(message.get());
                lastStep = Event.tls13Step(decoded);
                tellReceived(lastStep);
                return new HandshakeIn(decoded, message.get());
            }
            TlsRecord record = nextRecord();
            if (observer != HandshakeObserver.NONE) {
                untold.add(record.encode());
            }
            InnerPlaintext inner = open(record);
            if (inner == null) {
                continue;
            }
            switch (inner.type()) {
                case HANDSHAKE -> reassembler.add(inner.content());
                case ALERT -> {
                    tellReceived(alertStep());
                    return alert(inner.content());
                }
                case APPLICATION_DATA -> {
                    if (readKeys < APPLICATION_READ_KEYS || !reassembler.isEmpty()) {
                        throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                                "application data in the middle of the handshake");
                    }
                    tellReceived(Step.APPLICATION_DATA);
                    return new DataIn(inner.content());
                }
                default -> throw new IllegalStateException("never decoded: " + inner.type());
            }
        }
    }

    /** The content of {@code record}, decrypted once keys are in place; null for the ignored change_cipher_spec. */
    private InnerPlaintext open(TlsRecord record) {
        if (record.type() == RecordContentType.CHANGE_CIPHER_SPEC) {
            if (!helloTravelled || readKeys >= APPLICATION_READ_KEYS) {
                throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                        "a change_cipher_spec record outside the handshake");
            }
            if (++changeCipherSpecs > MAX_CHANGE_CIPHER_SPECS) {
                throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                        "more than " + MAX_CHANGE_CIPHER_SPECS + " change_cipher_spec records in one handshake");
            }
            return null;
        }
        RecordProtection keys;
        synchronized (readKeyLock) {
            keys = reading;
        }
        if (keys != null) {
            return keys.open(record);
        }
        if (record.type() == RecordContentType.APPLICATION_DATA) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "a protected record before any key");
        }
        return new InnerPlaintext(record.type(), record.fragment());
    }

    /** close_notify ends the stream; any other alert, whatever its level, ends the connection with an error. */
    private Incoming alert(byte[] content) {
        if (!reassembler.isEmpty()) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "an alert inside a handshake message");
        }
        Alert alert = AlertCodec.decode(content);
        if (alert == Alert.CLOSE_NOTIFY) {
            return new CloseNotify();
        }
        throw ProtocolException.alertReceived(alert);
    }

    /** The next record; the stream ending between records but inside a handshake message is {@code TRUNCATED}. */
    private TlsRecord nextRecord() {
        socket.startFrame();
        try {
            return records.next();
        } catch (IOException e) {
            throw socket.readFailed(e, "record");
        } catch (ProtocolException e) {
            if (e.failure() == Failure.PEER_CLOSED && !reassembler.isEmpty()) {
                throw new ProtocolException(Failure.TRUNCATED, "the stream ended inside a handshake message");
            }
            throw e;
        }
    }

    @Override
    public void close() {
        socket.close();
        synchronized (writeLock) {
            synchronized (readKeyLock) {
                closed = true;
                unsealed.clear();
                destroy(writing);
                destroy(reading);
            }
        }
    }

    private static void destroy(RecordProtection keys) {
        if (keys != null) {
            keys.destroy();
        }
    }

    @Override
    public String peer() {
        return socket.peer();
    }
}
