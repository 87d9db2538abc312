package dev.minitls.cli.tls13;

import static dev.minitls.cli.tls13.Tls13Peers.ascii;
import static dev.minitls.cli.tls13.Tls13Peers.connect;
import static dev.minitls.cli.tls13.Tls13Peers.serverConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.record.Nonces;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.tls13.RecordContentType;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.tls13.SignatureScheme;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.testing.ForwardingTls13Records;
import dev.minitls.transport.tls13.AlertCodec;
import dev.minitls.transport.tls13.HandshakeCodec;
import dev.minitls.transport.tls13.RecordReader;
import dev.minitls.transport.tls13.SocketTls13Records;
import dev.minitls.transport.tls13.TlsRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile TLS 1.3 input over real sockets (RFC 8446 section 6): each gets the alert the RFC names, the minitls side
 * reports the failure that goes with it, and a good connection to the same server at the same time completes. The
 * hostile peers are a raw socket writing bytes built with the codec and edited by hand (a client, or a server for
 * what is in clear), a minitls server whose messages are rewritten before they are encoded (for what needs keys),
 * and a proxy between a minitls client and server that edits the protected records in flight.
 */
class Tls13HostileInputTest {

    private static final Duration DEADLINE = Tls13Peers.DEADLINE;
    private static final CryptoProvider CRYPTO = Tls13Peers.CRYPTO;
    private static final ExecutorService PEERS = Executors.newCachedThreadPool();
    private static final HandshakeCodec CODEC = new HandshakeCodec();
    private static final byte[] CHANGE_CIPHER_SPEC = {20, 3, 3, 0, 1, 1};

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    // A raw client against a minitls server: everything the server reads in clear.

    static Stream<Arguments> hostileClients() {
        byte[] hello = record(RecordContentType.HANDSHAKE, CODEC.encode(clientHello(tls13Extensions(32))));
        byte[] helloBytes = CODEC.encode(clientHello(tls13Extensions(32)));
        return Stream.of(
                Arguments.of("a record cut short by the end of the stream", Arrays.copyOf(hello, 40),
                        Failure.TRUNCATED, Alert.DECODE_ERROR),
                Arguments.of("a handshake record over 2^14 bytes",
                        header(RecordContentType.HANDSHAKE, TlsRecord.MAX_PLAINTEXT + 1), Failure.RECORD_OVERFLOW,
                        Alert.RECORD_OVERFLOW),
                Arguments.of("a protected record over 2^14 + 256 bytes",
                        header(RecordContentType.APPLICATION_DATA, TlsRecord.MAX_CIPHERTEXT + 1),
                        Failure.RECORD_OVERFLOW, Alert.RECORD_OVERFLOW),
                Arguments.of("a ClientHello whose cipher_suites length runs past its end",
                        record(RecordContentType.HANDSHAKE, edited(helloBytes, 4 + 2 + 32 + 1 + 32, 0x7f, 0xfe)),
                        Failure.MALFORMED_MESSAGE, Alert.DECODE_ERROR),
                Arguments.of("a ClientHello whose extensions length is shorter than its extensions",
                        record(RecordContentType.HANDSHAKE, edited(helloBytes, 4 + 2 + 32 + 1 + 32 + 8 + 2, 0, 1)),
                        Failure.MALFORMED_MESSAGE, Alert.DECODE_ERROR),
                Arguments.of("a handshake message cut short by the end of the stream (its header says more)",
                        record(RecordContentType.HANDSHAKE,
                        edited(helloBytes, 1, 0, 0x10, 0)), Failure.TRUNCATED, Alert.DECODE_ERROR),
                Arguments.of("a ClientHello offering TLS 1.2 only in supported_versions",
                        record(RecordContentType.HANDSHAKE, CODEC.encode(clientHello(
                                replaced(tls13Extensions(32), new Extension.OfferedVersions(List.of(0x0303)))))),
                        Failure.UNSUPPORTED_VERSION, Alert.PROTOCOL_VERSION),
                Arguments.of("a TLS 1.2 ClientHello (no supported_versions)",
                        record(RecordContentType.HANDSHAKE, CODEC.encode(clientHello(tls13Extensions(32).subList(1, 4)))),
                        Failure.UNSUPPORTED_VERSION, Alert.PROTOCOL_VERSION),
                Arguments.of("a ClientHello offering only a suite minitls does not know",
                        record(RecordContentType.HANDSHAKE, CODEC.encode(new ClientHello(0x0303, new byte[32],
                                new byte[32], List.of(new CipherSuite(0x13ff)), new byte[] {0},
                                tls13Extensions(32)))),
                        Failure.NO_SHARED_PARAMETERS, Alert.HANDSHAKE_FAILURE),
                Arguments.of("an x25519 key_share of 31 bytes",
                        record(RecordContentType.HANDSHAKE, CODEC.encode(clientHello(tls13Extensions(31)))),
                        Failure.BAD_KEY_SHARE, Alert.ILLEGAL_PARAMETER),
                Arguments.of("a secp256r1 key_share that is not a point on the curve",
                        record(RecordContentType.HANDSHAKE, CODEC.encode(clientHello(secp256r1Extensions()))),
                        Failure.BAD_KEY_SHARE, Alert.ILLEGAL_PARAMETER),
                Arguments.of("an empty handshake record", header(RecordContentType.HANDSHAKE, 0),
                        Failure.UNEXPECTED_MESSAGE, Alert.UNEXPECTED_MESSAGE),
                Arguments.of("an empty alert record", header(RecordContentType.ALERT, 0),
                        Failure.UNEXPECTED_MESSAGE, Alert.UNEXPECTED_MESSAGE),
                Arguments.of("a change_cipher_spec record that is not 0x01",
                        new byte[] {20, 3, 3, 0, 1, 2}, Failure.UNEXPECTED_MESSAGE, Alert.UNEXPECTED_MESSAGE),
                Arguments.of("a change_cipher_spec record before the ClientHello", CHANGE_CIPHER_SPEC,
                        Failure.UNEXPECTED_MESSAGE, Alert.UNEXPECTED_MESSAGE),
                Arguments.of("application data before the handshake",
                        record(RecordContentType.APPLICATION_DATA, new byte[40]), Failure.UNEXPECTED_MESSAGE,
                        Alert.UNEXPECTED_MESSAGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileClients")
    void aHostileClientGetsTheAlertAndAnotherClientIsServedMeanwhile(String what, byte[] bytes, Failure failure,
            Alert alert) throws Exception {
        try (MinitlsServer server = new MinitlsServer(UnaryOperator.identity());
                Socket hostile = server.connectRaw()) {
            Tls13Session good = connect(server.port(), Tls13Settings.DEFAULT);
            hostile.getOutputStream().write(bytes);
            hostile.shutdownOutput();

            assertThat(alertReadInClear(hostile)).as("the alert the hostile client gets").isEqualTo(alert);
            assertThat(server.nextFailure()).isInstanceOfSatisfying(ProtocolException.class,
                    e -> assertThat(e.failure()).isEqualTo(failure));
            assertThat(server.alertsSent()).containsExactly(alert);
            assertGoodEcho(good);
        }
    }

    @Test
    void aHandshakeMessageSpanningTheKeyChangeIsUnexpected() throws Exception {
        byte[] hello = CODEC.encode(clientHello(tls13Extensions(32)));
        // The ClientHello and the first two bytes of the next message in one record: the server's read key
        // changes after the ClientHello, with part of a message read in clear still waiting.
        byte[] spanning = record(RecordContentType.HANDSHAKE, concat(hello, new byte[] {20, 0}));
        try (MinitlsServer server = new MinitlsServer(UnaryOperator.identity());
                Socket hostile = server.connectRaw()) {
            Tls13Session good = connect(server.port(), Tls13Settings.DEFAULT);
            hostile.getOutputStream().write(spanning);

            assertThat(server.nextFailure()).isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.UNEXPECTED_MESSAGE);
                assertThat(e).hasMessageContaining("a message may not span one");
            });
            // Sent under the server's handshake key, which the raw client does not have: the server's trace says.
            assertThat(server.alertsSent()).containsExactly(Alert.UNEXPECTED_MESSAGE);
            assertGoodEcho(good);
        }
    }

    // A raw server against a minitls client: what the client reads in clear (ServerHello, HelloRetryRequest).

    static Stream<Arguments> hostileServerHellos() {
        return Stream.of(
                Arguments.of("a ServerHello choosing version 0x0303 in supported_versions (section 4.2.1)",
                        hostileHello(hello -> serverHello(hello, CipherSuite.TLS_AES_128_GCM_SHA256,
                                new Extension.SelectedVersion(0x0303), x25519Share(32))),
                        Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER),
                Arguments.of("a ServerHello without supported_versions (a TLS 1.2 server)",
                        hostileHello(hello -> serverHello(hello, CipherSuite.TLS_AES_128_GCM_SHA256,
                                x25519Share(32))),
                        Failure.UNSUPPORTED_VERSION, Alert.PROTOCOL_VERSION),
                Arguments.of("a ServerHello choosing a suite the client did not offer",
                        hostileHello(hello -> serverHello(hello, CipherSuite.TLS_AES_256_GCM_SHA384,
                                new Extension.SelectedVersion(0x0304), x25519Share(32))),
                        Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER),
                Arguments.of("a ServerHello choosing an unknown suite",
                        hostileHello(hello -> serverHello(hello, new CipherSuite(0x13ff),
                                new Extension.SelectedVersion(0x0304), x25519Share(32))),
                        Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER),
                Arguments.of("a ServerHello with a key share for a group the client did not offer",
                        hostileHello(hello -> serverHello(hello, CipherSuite.TLS_AES_128_GCM_SHA256,
                                new Extension.SelectedVersion(0x0304), new Extension.ServerKeyShare(
                                        new Extension.KeyShareEntry(NamedGroup.SECP256R1, new byte[65])))),
                        Failure.ILLEGAL_PARAMETER, Alert.ILLEGAL_PARAMETER),
                Arguments.of("a ServerHello with an x25519 key share of 31 bytes",
                        hostileHello(hello -> serverHello(hello, CipherSuite.TLS_AES_128_GCM_SHA256,
                                new Extension.SelectedVersion(0x0304), x25519Share(31))),
                        Failure.BAD_KEY_SHARE, Alert.ILLEGAL_PARAMETER),
                Arguments.of("a second HelloRetryRequest", (HostileServer) (in, out) -> {
                    ClientHello first = readClientHello(in);
                    out.write(record(RecordContentType.HANDSHAKE, CODEC.encode(helloRetry(first))));
                    ClientHello second = readClientHello(in);
                    out.write(record(RecordContentType.HANDSHAKE, CODEC.encode(helloRetry(second))));
                }, Failure.UNEXPECTED_MESSAGE, Alert.UNEXPECTED_MESSAGE),
                Arguments.of("a change_cipher_spec record that is not 0x01", (HostileServer) (in, out) -> {
                    readClientHello(in);
                    out.write(new byte[] {20, 3, 3, 0, 1, 2});
                }, Failure.UNEXPECTED_MESSAGE, Alert.UNEXPECTED_MESSAGE),
                Arguments.of("a record cut short by the end of the stream", (HostileServer) (in, out) -> {
                    readClientHello(in);
                    out.write(header(RecordContentType.HANDSHAKE, 100));
                    out.write(new byte[10]);
                }, Failure.TRUNCATED, Alert.DECODE_ERROR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileServerHellos")
    void aMinitlsClientRefusesAHostileServerWithTheAlertSection6Names(String what, HostileServer hostile,
            Failure failure, Alert alert) throws Exception {
        try (ServerSocket listener = listener(); MinitlsServer other = new MinitlsServer(UnaryOperator.identity())) {
            Future<Alert> received = PEERS.submit(() -> {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout((int) DEADLINE.toMillis());
                    hostile.answer(socket.getInputStream(), socket.getOutputStream());
                    socket.shutdownOutput();
                    return alertReadInClear(socket);
                }
            });
            Tls13Session good = connect(other.port(), Tls13Settings.DEFAULT);

            assertThatThrownBy(() -> connect(listener.getLocalPort(),
                    Tls13Settings.only(CipherSuite.TLS_AES_128_GCM_SHA256)))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.failure()).isEqualTo(failure));
            assertThat(received.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(alert);
            assertGoodEcho(good);
        }
    }

    // A minitls server whose messages are rewritten before they are encoded: what needs the handshake keys.

    static Stream<Arguments> rewrittenServerMessages() {
        UnaryOperator<HandshakeMessage> flipFinished = message -> message instanceof Finished finished
                ? new Finished(flipped(finished.verifyData())) : message;
        UnaryOperator<HandshakeMessage> flipVerify = message -> message instanceof CertificateVerify verify
                ? new CertificateVerify(verify.scheme(), flipped(verify.signature())) : message;
        return Stream.of(Arguments.of("a flipped server Finished", flipFinished, Failure.BAD_FINISHED),
                Arguments.of("a flipped CertificateVerify", flipVerify, Failure.BAD_SIGNATURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewrittenServerMessages")
    void aFlippedFinishedOrCertificateVerifyIsADecryptError(String what, UnaryOperator<HandshakeMessage> rewrite,
            Failure failure) throws Exception {
        try (MinitlsServer hostile = new MinitlsServer(rewrite);
                MinitlsServer other = new MinitlsServer(UnaryOperator.identity())) {
            Tls13Session good = connect(other.port(), Tls13Settings.DEFAULT);

            assertThatThrownBy(() -> connect(hostile.port(), Tls13Settings.DEFAULT))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.failure()).isEqualTo(failure);
                        assertThat(e.failure().alert()).contains(Alert.DECRYPT_ERROR);
                    });
            assertThat(hostile.nextFailure()).as("the alert the hostile server gets, under the handshake keys")
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.peerAlert()).contains(Alert.DECRYPT_ERROR));
            assertGoodEcho(good);
        }
    }

    // A proxy between a minitls client and server editing the client's protected records after the handshake.

    /**
     * Each edit replaces the client's first data record (and the second, for the swap), so that the server has read
     * every byte sent when it fails: unread bytes would make its close a reset, which may overtake its alert.
     */
    static Stream<Arguments> editedRecords() {
        return Stream.of(
                Arguments.of("a flipped ciphertext byte", (RecordEdit) (index, record) -> index == 1
                        ? List.of(flippedLast(record)) : List.of(record), 1, Failure.BAD_RECORD_MAC),
                Arguments.of("a replayed record", (RecordEdit) (index, record) -> index == 1
                        ? List.of(record, record) : List.of(record), 1, Failure.BAD_RECORD_MAC),
                Arguments.of("records out of order", new Swap(), 2, Failure.BAD_RECORD_MAC),
                Arguments.of("change_cipher_spec after the handshake", (RecordEdit) (index, record) -> index == 1
                        ? List.of(CHANGE_CIPHER_SPEC) : List.of(record), 1, Failure.UNEXPECTED_MESSAGE),
                Arguments.of("an empty handshake record after the handshake",
                        (RecordEdit) (index, record) -> index == 1
                                ? List.of(header(RecordContentType.HANDSHAKE, 0)) : List.of(record),
                        1, Failure.UNEXPECTED_MESSAGE),
                Arguments.of("a record in clear after the handshake", (RecordEdit) (index, record) -> index == 1
                        ? List.of(record(RecordContentType.HANDSHAKE, new byte[] {24, 0, 0, 1, 0}))
                        : List.of(record), 1, Failure.UNEXPECTED_MESSAGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("editedRecords")
    void aServerRefusesEditedRecordsWithTheAlertSection6NamesAndServesAnotherClientMeanwhile(String what,
            RecordEdit edit, int records, Failure failure) throws Exception {
        try (MinitlsServer server = new MinitlsServer(UnaryOperator.identity());
                Proxy proxy = new Proxy(server.port(), edit)) {
            Tls13Session good = connect(server.port(), Tls13Settings.DEFAULT);
            Tls13Session victim = connect(proxy.port(), Tls13Settings.DEFAULT);
            for (int i = 0; i < records; i++) {
                victim.send(ascii("record " + i));
            }

            assertThat(server.nextFailure()).isInstanceOfSatisfying(ProtocolException.class,
                    e -> assertThat(e.failure()).isEqualTo(failure));
            Alert alert = failure.alert().orElseThrow();
            assertThat(server.alertsSent()).containsExactly(alert);
            assertThatThrownBy(() -> {
                while (victim.receive().isPresent()) {
                    // the echo of what arrived before the edit
                }
            }).as("the alert the client gets").isInstanceOfSatisfying(ProtocolException.class,
                    e -> assertThat(e.peerAlert()).contains(alert));
            assertGoodEcho(good);
        }
    }

    @Test
    void anAllZeroInnerPlaintextIsUnexpected() throws Exception {
        try (MinitlsServer hostile = new MinitlsServer(UnaryOperator.identity())) {
            Tls13Session victim = connect(hostile.port(), Tls13Settings.only(CipherSuite.TLS_AES_128_GCM_SHA256));
            // One echo first: the server has then installed its application key (our connect returns as soon as
            // our Finished is out, maybe before), and sealed record 0 under it.
            victim.send(ascii("ping"));
            assertThat(victim.receive()).hasValueSatisfying(echo -> assertThat(echo).isEqualTo(ascii("ping")));
            // The server's second application record, sealed under its key by hand: zeros only, no content type.
            InstalledKey key = hostile.lastWriteKey();
            byte[] zeros = new byte[20];
            byte[] header = header(RecordContentType.APPLICATION_DATA, zeros.length + 16);
            byte[] sealed = CRYPTO.aead(key.aead(), key.key()).seal(Nonces.forSequence(key.iv(), 1), header, zeros);
            hostile.rawOutput().write(concat(header, sealed));

            assertThatThrownBy(victim::receive).isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.UNEXPECTED_MESSAGE);
                assertThat(e).hasMessageContaining("zeros only");
            });
            assertThat(hostile.nextFailure()).isInstanceOfSatisfying(ProtocolException.class,
                    e -> assertThat(e.peerAlert()).contains(Alert.UNEXPECTED_MESSAGE));
        }
    }

    @Test
    void aCloseWhileAnotherThreadWaitsInReceiveEndsThatReceiveCleanly() throws Exception {
        try (MinitlsServer server = new MinitlsServer(UnaryOperator.identity())) {
            Tls13Session client = connect(server.port(), Tls13Settings.DEFAULT);
            Future<Throwable> receiving = PEERS.submit(() -> {
                try {
                    return new AssertionError("received " + client.receive());
                } catch (RuntimeException e) {
                    return e;
                }
            });
            // Whether the receiver is already waiting or not, the close ends its receive the same way.
            client.close();

            assertThat(receiving.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(
                    ProtocolException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.IO_ERROR);
                        assertThat(e).hasMessage("connection failed: the session was closed by this side");
                    });
            assertThatThrownBy(() -> client.send(ascii("late"))).isInstanceOf(IllegalStateException.class);
            assertThat(server.alertsSent()).as("the server saw close_notify, no failure").isEmpty();
        }
    }

    // The harness.

    /** What a raw server does with the client's stream. */
    @FunctionalInterface
    interface HostileServer {
        void answer(InputStream in, OutputStream out) throws Exception;
    }

    /** Rewrites the client's application_data record number {@code index} (0: its Finished) into records. */
    @FunctionalInterface
    interface RecordEdit {
        List<byte[]> edit(int index, byte[] record);
    }

    /** Holds the client's first data record back and sends it after the second. */
    private static final class Swap implements RecordEdit {
        private byte[] held;

        @Override
        public List<byte[]> edit(int index, byte[] record) {
            if (index == 1) {
                held = record;
                return List.of();
            }
            return index == 2 ? List.of(record, held) : List.of(record);
        }
    }

    private record InstalledKey(AeadAlgorithm aead, byte[] key, byte[] iv) {
    }

    /**
     * A minitls server on a loopback port: each connection in its own thread, an echo session after the handshake;
     * every failure and every alert it sends are kept. Each handshake message it sends passes {@code rewrite}.
     */
    private static final class MinitlsServer implements AutoCloseable {
        private final ServerSocket listener;
        private final BlockingQueue<RuntimeException> failures = new LinkedBlockingQueue<>();
        private final List<TraceEvent> events = new CopyOnWriteArrayList<>();
        private final List<InstalledKey> writeKeys = new CopyOnWriteArrayList<>();
        private volatile Socket lastSocket;

        MinitlsServer(UnaryOperator<HandshakeMessage> rewrite) throws IOException {
            listener = listener();
            PEERS.submit(() -> {
                while (!listener.isClosed()) {
                    Socket socket;
                    try {
                        socket = listener.accept();
                    } catch (IOException e) {
                        return;
                    }
                    lastSocket = socket;
                    PEERS.submit(() -> serve(socket, rewrite));
                }
            });
        }

        private void serve(Socket socket, UnaryOperator<HandshakeMessage> rewrite) {
            Tls13Records records = new Rewriting(SocketTls13Records.server(socket, CRYPTO, DEADLINE, DEADLINE),
                    rewrite, writeKeys);
            // x25519 first, as the hostile clients' shares; secp256r1 too, for the off-curve point.
            try (Tls13Session session = Tls13ServerHandshake.accept(records, serverConfig(events::add),
                    Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)))) {
                Optional<byte[]> data;
                while ((data = session.receive()).isPresent()) {
                    session.send(data.get());
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }

        int port() {
            return listener.getLocalPort();
        }

        Socket connectRaw() throws IOException {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port());
            socket.setSoTimeout((int) DEADLINE.toMillis());
            return socket;
        }

        RuntimeException nextFailure() throws InterruptedException {
            RuntimeException failure = failures.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(failure).as("a connection of the server failed").isNotNull();
            return failure;
        }

        /** The alerts the server sent on failing connections (close_notify of good ones aside). */
        List<Alert> alertsSent() {
            List<Alert> alerts = new ArrayList<>();
            for (TraceEvent event : events) {
                if (event.event() instanceof Event.HandshakeFailed failed) {
                    failed.alert().ifPresent(alerts::add);
                } else if (event.event() instanceof Event.SessionFailed failed) {
                    failed.alert().ifPresent(alerts::add);
                }
            }
            return alerts;
        }

        InstalledKey lastWriteKey() {
            return writeKeys.get(writeKeys.size() - 1);
        }

        OutputStream rawOutput() throws IOException {
            return lastSocket.getOutputStream();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    /** The server's records, rewriting each handshake message it sends and noting each write key. */
    private static final class Rewriting extends ForwardingTls13Records {
        private final UnaryOperator<HandshakeMessage> rewrite;
        private final List<InstalledKey> writeKeys;

        Rewriting(Tls13Records delegate, UnaryOperator<HandshakeMessage> rewrite, List<InstalledKey> writeKeys) {
            super(delegate);
            this.rewrite = rewrite;
            this.writeKeys = writeKeys;
        }

        @Override
        public byte[] send(HandshakeMessage message) {
            return super.send(rewrite.apply(message));
        }

        @Override
        public void protectWrites(AeadAlgorithm aead, byte[] key, byte[] iv) {
            writeKeys.add(new InstalledKey(aead, key.clone(), iv.clone()));
            super.protectWrites(aead, key, iv);
        }
    }

    /**
     * Forwards one connection to the server: the server's bytes as they come, the client's record by record, its
     * application_data records through {@code edit}.
     */
    private static final class Proxy implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        Proxy(int serverPort, RecordEdit edit) throws IOException {
            listener = listener();
            PEERS.submit(() -> {
                try (Socket client = listener.accept();
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
                    sockets.add(client);
                    sockets.add(server);
                    Future<?> back = PEERS.submit(() -> {
                        server.getInputStream().transferTo(client.getOutputStream());
                        client.shutdownOutput();
                        return null;
                    });
                    RecordReader records = RecordReader.server(client.getInputStream());
                    OutputStream out = server.getOutputStream();
                    int index = 0;
                    while (true) {
                        TlsRecord record = records.next();
                        List<byte[]> edited = record.type() == RecordContentType.APPLICATION_DATA
                                ? edit.edit(index++, record.encode()) : List.of(record.encode());
                        for (byte[] bytes : edited) {
                            out.write(bytes);
                        }
                        out.flush();
                    }
                } catch (Exception e) {
                    // The connection ended, one way or another.
                    return null;
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** The good connection still works: an echo, then close_notify both ways. */
    private static void assertGoodEcho(Tls13Session good) {
        good.send(ascii("still served"));
        assertThat(good.receive()).hasValueSatisfying(data -> assertThat(data).isEqualTo(ascii("still served")));
        good.close();
    }

    /** Reads the peer's records in clear until its alert (change_cipher_spec and handshake records skipped). */
    private static Alert alertReadInClear(Socket socket) throws IOException {
        RecordReader records = RecordReader.client(socket.getInputStream());
        while (true) {
            TlsRecord record = records.next();
            if (record.type() == RecordContentType.ALERT) {
                return AlertCodec.decode(record.fragment());
            }
        }
    }

    private static ClientHello readClientHello(InputStream in) throws IOException {
        TlsRecord record = RecordReader.server(in).next();
        return (ClientHello) CODEC.decode(record.fragment());
    }

    private static HostileServer hostileHello(Function<ClientHello, ServerHello> answer) {
        return (in, out) -> out.write(record(RecordContentType.HANDSHAKE,
                CODEC.encode(answer.apply(readClientHello(in)))));
    }

    private static ServerHello serverHello(ClientHello hello, CipherSuite suite, Extension... extensions) {
        return new ServerHello(0x0303, new byte[32], hello.legacySessionId(), suite, 0, List.of(extensions));
    }

    private static ServerHello helloRetry(ClientHello hello) {
        return new ServerHello(0x0303, ServerHello.helloRetryRequestRandom(), hello.legacySessionId(),
                CipherSuite.TLS_AES_128_GCM_SHA256, 0, List.of(new Extension.SelectedVersion(0x0304),
                        new Extension.Cookie(new byte[] {7})));
    }

    private static Extension x25519Share(int length) {
        return new Extension.ServerKeyShare(new Extension.KeyShareEntry(NamedGroup.X25519, new byte[length]));
    }

    private static ClientHello clientHello(List<Extension> extensions) {
        return new ClientHello(0x0303, new byte[32], new byte[32], Tls13Settings.DEFAULT.suites(), new byte[] {0},
                extensions);
    }

    /** supported_versions (TLS 1.3), supported_groups, signature_algorithms, an x25519 key share of {@code length}. */
    private static List<Extension> tls13Extensions(int length) {
        byte[] share = new byte[length];
        share[0] = 9;
        return List.of(new Extension.OfferedVersions(List.of(0x0304)),
                new Extension.SupportedGroups(List.of(NamedGroup.X25519)),
                new Extension.SignatureAlgorithms(List.of(SignatureScheme.ED25519)),
                new Extension.ClientKeyShares(List.of(new Extension.KeyShareEntry(NamedGroup.X25519, share))));
    }

    /** A ClientHello's extensions offering secp256r1 only, its share the uncompressed point (1, 1): off the curve. */
    private static List<Extension> secp256r1Extensions() {
        byte[] point = new byte[65];
        point[0] = 4;
        point[32] = 1;
        point[64] = 1;
        return List.of(new Extension.OfferedVersions(List.of(0x0304)),
                new Extension.SupportedGroups(List.of(NamedGroup.SECP256R1)),
                new Extension.SignatureAlgorithms(List.of(SignatureScheme.ED25519)),
                new Extension.ClientKeyShares(List.of(new Extension.KeyShareEntry(NamedGroup.SECP256R1, point))));
    }

    private static List<Extension> replaced(List<Extension> extensions, Extension.OfferedVersions versions) {
        List<Extension> replaced = new ArrayList<>(extensions);
        replaced.set(0, versions);
        return replaced;
    }

    private static byte[] record(RecordContentType type, byte[] fragment) {
        return new TlsRecord(type, fragment).encode();
    }

    /** A record header announcing {@code length} bytes (none follow). */
    private static byte[] header(RecordContentType type, int length) {
        return new byte[] {(byte) type.code(), 3, 3, (byte) (length >> 8), (byte) length};
    }

    private static byte[] edited(byte[] bytes, int at, int... values) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < values.length; i++) {
            copy[at + i] = (byte) values[i];
        }
        return copy;
    }

    private static byte[] flippedLast(byte[] record) {
        byte[] copy = record.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    private static byte[] flipped(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[0] ^= 1;
        return copy;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static ServerSocket listener() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

}
