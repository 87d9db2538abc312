package dev.minitls.transport.tls13;

import static dev.minitls.transport.tls13.Tls13Assertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.RecordContentType;
import dev.minitls.testing.InsecureTestCrypto;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SocketTls13Records} over a real loopback connection whose other end is a raw socket: what a peer's alerts
 * become, the bounds in time on every read and write, and the keys it destroys (the one a new key replaces, and
 * every key on close, also while another thread receives).
 */
class SocketTls13RecordsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final byte[] KEY = new byte[16];
    private static final byte[] IV = new byte[12];
    private static final byte[] CHANGE_CIPHER_SPEC = {20, 3, 3, 0, 1, 1};

    private final RecordingCrypto crypto = new RecordingCrypto();
    private Socket raw;
    private SocketTls13Records records;

    @AfterEach
    void closeBoth() throws IOException {
        if (records != null) {
            records.close();
        }
        if (raw != null) {
            raw.close();
        }
    }

    static Stream<Arguments> alertsAtBothLevels() {
        return Stream.of(Alert.values()).flatMap(alert -> Stream.of(Arguments.of(alert, 1), Arguments.of(alert, 2)));
    }

    @ParameterizedTest
    @MethodSource("alertsAtBothLevels")
    void everyAlertIsNamedAndEveryOneButCloseNotifyEndsTheConnectionWhateverItsLevel(Alert alert, int level)
            throws Exception {
        connect(PATIENCE, PATIENCE);
        write(new TlsRecord(RecordContentType.ALERT, new byte[] {(byte) level, (byte) alert.code()}).encode());

        if (alert == Alert.CLOSE_NOTIFY) {
            assertThat(records.receive()).isInstanceOf(Tls13Records.CloseNotify.class);
        } else {
            assertThatThrownBy(records::receive).isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.ALERT_RECEIVED);
                assertThat(e.peerAlert()).contains(alert);
                assertThat(e).hasMessage("the peer sent an alert: " + alert.rfcName());
            });
        }
    }

    @Test
    void anAlertOfAnUnknownNumberIsAnErrorAlertShownByItsNumber() throws Exception {
        connect(PATIENCE, PATIENCE);
        write(new TlsRecord(RecordContentType.ALERT, new byte[] {1, (byte) 0xc8}).encode());

        assertRefused(records::receive, Failure.ALERT_RECEIVED,
                "the peer sent an alert: alert number 200, which RFC 8446 does not define");
    }

    @Test
    void theStreamEndingBetweenRecordsButInsideAHandshakeMessageIsTruncated() throws Exception {
        connect(PATIENCE, PATIENCE);
        write(new TlsRecord(RecordContentType.HANDSHAKE, new byte[] {1, 0, 0, 10, 3, 3}).encode());
        raw.shutdownOutput();

        assertRefused(records::receive, Failure.TRUNCATED, "the stream ended inside a handshake message");
    }

    @Test
    void changeCipherSpecRecordsBetweenTheHellosAndTheFinishedAreDropped() throws Exception {
        connect(PATIENCE, PATIENCE);
        records.send(new Finished(new byte[32]));
        for (int i = 0; i < SocketTls13Records.MAX_CHANGE_CIPHER_SPECS; i++) {
            write(CHANGE_CIPHER_SPEC);
        }
        byte[] finished = new byte[4 + 32];
        finished[0] = 20;
        finished[3] = 32;
        write(new TlsRecord(RecordContentType.HANDSHAKE, finished).encode());

        assertThat(records.receive()).isInstanceOfSatisfying(Tls13Records.HandshakeIn.class,
                message -> assertThat(message.bytes()).isEqualTo(finished));
    }

    @Test
    void oneChangeCipherSpecRecordMoreThanAHandshakeMayHoldIsUnexpected() throws Exception {
        connect(PATIENCE, PATIENCE);
        records.send(new Finished(new byte[32]));
        for (int i = 0; i <= SocketTls13Records.MAX_CHANGE_CIPHER_SPECS; i++) {
            write(CHANGE_CIPHER_SPEC);
        }

        assertRefused(records::receive, Failure.UNEXPECTED_MESSAGE,
                "more than 4 change_cipher_spec records in one handshake");
    }

    @Test
    void aChangeCipherSpecRecordBeforeAnyHelloIsUnexpected() throws Exception {
        connect(PATIENCE, PATIENCE);
        write(CHANGE_CIPHER_SPEC);

        assertRefused(records::receive, Failure.UNEXPECTED_MESSAGE, "a change_cipher_spec record outside the handshake");
    }

    @Test
    void aPeerTricklingOneByteASecondIsCutByTheReadDeadline() throws Exception {
        connect(Duration.ofSeconds(1), PATIENCE);
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
            // Pacing the hostile peer, not synchronising the test: it writes until the connection is cut.
            byte[] record = new TlsRecord(RecordContentType.HANDSHAKE, new byte[100]).encode();
            try {
                OutputStream out = raw.getOutputStream();
                for (byte b : record) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException e) {
                // cut, as expected
            }
        });

        assertRefused(records::receive, Failure.TIMEOUT, "no complete record");
        trickle.cancel(true);
    }

    @Test
    void aPeerThatNeverReadsIsCutByTheWriteDeadline() throws Exception {
        connect(PATIENCE, Duration.ofSeconds(1));

        assertThatThrownBy(() -> {
            // Fills the socket buffers of both ends; each flush is bounded by the write deadline. 64 MiB at most.
            for (int flight = 0; flight < 64; flight++) {
                for (int i = 0; i < 16; i++) {
                    records.send(new Finished(new byte[(1 << 16) - 1]));
                }
                records.flush();
            }
        }).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
            assertThat(e).hasMessageContaining("not taken by the peer within 1000 ms");
        });
    }

    @Test
    void aNewKeyDestroysTheOneItReplacesAndCloseDestroysBoth() throws Exception {
        connect(PATIENCE, PATIENCE);
        records.protectWrites(AeadAlgorithm.AES_128_GCM, KEY, IV);
        records.protectReads(AeadAlgorithm.AES_128_GCM, KEY, IV);
        records.protectWrites(AeadAlgorithm.AES_128_GCM, KEY, IV);
        records.protectReads(AeadAlgorithm.AES_128_GCM, KEY, IV);

        assertThat(crypto.aeads).hasSize(4);
        assertThat(crypto.aeads.subList(0, 2)).allMatch(RecordingCrypto::destroyed);
        assertThat(crypto.aeads.subList(2, 4)).noneMatch(RecordingCrypto::destroyed);

        records.close();

        assertThat(crypto.aeads).allMatch(RecordingCrypto::destroyed);
        assertThatThrownBy(() -> records.sendData(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> records.send(new Finished(new byte[32]))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the connection is closed");
        assertThatThrownBy(() -> records.protectReads(AeadAlgorithm.AES_128_GCM, KEY, IV))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCloseWhileAnotherThreadWaitsForARecordEndsThatReceiveAtOnce() throws Exception {
        connect(PATIENCE, PATIENCE);
        records.protectReads(AeadAlgorithm.AES_128_GCM, KEY, IV);
        CompletableFuture<Throwable> receiving = CompletableFuture.supplyAsync(() -> {
            try {
                return new AssertionError("received " + records.receive());
            } catch (RuntimeException e) {
                return e;
            }
        });
        // The receiver waits (for up to PATIENCE) for a record that never comes, until the close.
        records.close();

        assertThat(receiving.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.failure()).isIn(Failure.IO_ERROR, Failure.PEER_CLOSED));
        assertThat(crypto.aeads).allMatch(RecordingCrypto::destroyed);
    }

    private void connect(Duration readTimeout, Duration writeTimeout) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            records = SocketTls13Records.server(listener.accept(), crypto, readTimeout, writeTimeout);
        }
    }

    private void write(byte[] bytes) throws IOException {
        raw.getOutputStream().write(bytes);
        raw.getOutputStream().flush();
    }

    /** The test crypto, keeping every AEAD it made. */
    private static final class RecordingCrypto extends InsecureTestCrypto {
        final List<Aead> aeads = new CopyOnWriteArrayList<>();

        @Override
        public Aead aead(AeadAlgorithm algorithm, byte[] key) {
            Aead aead = super.aead(algorithm, key);
            aeads.add(aead);
            return aead;
        }

        static boolean destroyed(Aead aead) {
            try {
                aead.seal(new byte[12], new byte[0], new byte[0]);
                return false;
            } catch (IllegalStateException e) {
                return true;
            }
        }
    }
}
