package dev.minitls.cli.trace;

import dev.minitls.cli.decode.KeyLogKeys;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.transport.tls13.dissect.Direction;
import dev.minitls.transport.tls13.dissect.Dissection;
import dev.minitls.transport.tls13.dissect.Dissector;
import dev.minitls.transport.tls13.dissect.Field;
import dev.minitls.transport.tls13.dissect.Hellos;
import dev.minitls.transport.tls13.dissect.KeySource;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trace printer's observer that wants every TLS 1.3 record and hands the printer each event in words
 * ({@link Narration}), a record with its fields. The field-by-field view of the TLS 1.3 records a trace is told ({@link Event.Tls13RecordSent},
 * {@link Event.Tls13RecordReceived}): each connection's two directions are kept as the streams that crossed the
 * wire, and each new record is dissected by the {@link Dissector} that {@code minitls decode} uses, decrypted with
 * the traffic secrets the same trace was told ({@link Event.SecretsDerived}, looked up by their NSS labels as a key
 * log would be). Protected records are shown decrypted under the handshake keys and the first application keys;
 * after a KeyUpdate they are shown encrypted, as {@code decode} shows them.
 *
 * <p>Bounded: a direction is shown field by field for its first {@value #MAX_RECORDS} records (each new record
 * dissects the stream again), later ones are told without fields; at most {@value #MAX_CONNECTIONS} connections
 * are remembered, the oldest forgotten (its secrets wiped), and a connection whose handshake or session failed is
 * forgotten at once.
 */
final class RecordView implements HandshakeObserver {

    /** Records of one direction shown field by field: a handshake and some application data. */
    static final int MAX_RECORDS = 64;
    private static final int MAX_CONNECTIONS = 1024;

    private final NarrationPrinter printer;
    private final CryptoProvider crypto;
    private final Map<String, Connection> connections = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Connection> eldest) {
            if (size() > MAX_CONNECTIONS) {
                eldest.getValue().forget();
                return true;
            }
            return false;
        }
    };

    /**
     * @param printer what shows each event
     * @param crypto what derives the record keys from the traffic secrets and opens the records
     */
    RecordView(NarrationPrinter printer, CryptoProvider crypto) {
        this.printer = printer;
        this.crypto = crypto;
    }

    @Override
    public void onEvent(TraceEvent event) {
        printer.print(narrate(event));
    }

    @Override
    public boolean wantsRecords() {
        return true;
    }

    /** {@code event} in words, a record with its fields. */
    synchronized Narration narrate(TraceEvent traced) {
        Narration narration = Narration.of(traced);
        Event event = traced.event();
        String key = traced.side() + " " + traced.peer();
        if (event instanceof Event.SecretsDerived derived) {
            Connection connection = connections.computeIfAbsent(key, k -> new Connection());
            derived.secrets().forEach((label, secret) -> {
                if (KeyLog.LABELS.containsKey(label)) {
                    connection.secrets.put(KeyLog.LABELS.get(label), secret.bytes());
                }
            });
        } else if (event instanceof Event.HandshakeFailed || event instanceof Event.SessionFailed) {
            Optional.ofNullable(connections.remove(key)).ifPresent(Connection::forget);
        } else if (event instanceof Event.Tls13RecordSent sent) {
            return narration.withFields(fields(key, sender(traced.side(), true), sent.wire()));
        } else if (event instanceof Event.Tls13RecordReceived received) {
            return narration.withFields(fields(key, sender(traced.side(), false), received.wire()));
        }
        return narration;
    }

    private static Direction sender(Side side, boolean sent) {
        return (side == Side.CLIENT) == sent ? Direction.CLIENT : Direction.SERVER;
    }

    /** The fields of the record {@code wire} that {@code sender} just sent, after those it sent before. */
    private List<Field> fields(String key, Direction sender, byte[] wire) {
        Connection connection = connections.computeIfAbsent(key, k -> new Connection());
        Stream stream = connection.streams.get(sender);
        if (stream.shown >= MAX_RECORDS) {
            return List.of();
        }
        stream.bytes.writeBytes(wire);
        Direction other = sender == Direction.CLIENT ? Direction.SERVER : Direction.CLIENT;
        Hellos known = Dissector.dissect(connection.streams.get(other).bytes.toByteArray(), Hellos.NONE,
                KeySource.NONE).hellos();
        Dissection dissection = Dissector.dissect(stream.bytes.toByteArray(), known,
                new KeyLogKeys(connection::secret, crypto));
        List<Field> records = dissection.records();
        List<Field> fresh = records.subList(Math.min(stream.shown, records.size()), records.size());
        stream.shown = records.size();
        if (stream.shown >= MAX_RECORDS) {
            stream.bytes.reset();
        }
        return List.copyOf(fresh);
    }

    /** What the view keeps of one connection on one side: both streams, and the traffic secrets by NSS label. */
    private static final class Connection {
        final Map<Direction, Stream> streams = new EnumMap<>(Map.of(Direction.CLIENT, new Stream(),
                Direction.SERVER, new Stream()));
        final Map<String, byte[]> secrets = new HashMap<>();

        Optional<byte[]> secret(String label, byte[] clientRandom) {
            return Optional.ofNullable(secrets.get(label)).map(byte[]::clone);
        }

        void forget() {
            secrets.values().forEach(secret -> Arrays.fill(secret, (byte) 0));
            secrets.clear();
            streams.values().forEach(stream -> stream.bytes.reset());
        }
    }

    /** One direction: the bytes so far and how many of its records were shown. */
    private static final class Stream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int shown;
    }
}
