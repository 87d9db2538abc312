package dev.minitls.transport.tls13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.tls13.CertificateMessage;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.EncryptedExtensions;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.RecordContentType;
import dev.minitls.domain.tls13.SignatureScheme;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.testing.InsecureTestCrypto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SocketTls13Records} telling each record's bytes, both directions, to an observer that wants them: exactly
 * the bytes that crossed the wire, at the step of the message they carry (a flight's protected messages share a
 * record, told at the last one's step), received ones before that message is returned, a bad one before the
 * failure; nothing to an observer that does not want records.
 */
class SocketTls13RecordsTapTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final byte[] CHANGE_CIPHER_SPEC = {20, 3, 3, 0, 1, 1};

    private final List<TraceEvent> told = new CopyOnWriteArrayList<>();
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

    @Test
    void everySentRecordIsToldAsTheBytesThatCrossedTheWireClearAndProtected() throws Exception {
        connect(wanting(true));
        records.send(new Finished(new byte[32]));
        records.flush();
        records.protectWrites(AeadAlgorithm.AES_128_GCM, new byte[16], new byte[12]);
        records.sendData("hello".getBytes());

        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        told.stream().map(TraceEvent::event).map(Event.Tls13RecordSent.class::cast)
                .forEach(record -> sent.writeBytes(record.wire()));
        byte[] wire = raw.getInputStream().readNBytes(sent.size());
        assertThat(sent.toByteArray()).isEqualTo(wire);
        assertThat(told).extracting(event -> event.event().step())
                .containsExactly(Step.FINISHED, Step.APPLICATION_DATA);
        assertThat(told).allSatisfy(event -> assertThat(event.side()).isEqualTo(Side.SERVER));
        assertThat(((Event.Tls13RecordSent) told.get(1).event()).wire()[0])
                .as("a protected record says application_data").isEqualTo((byte) 23);
    }

    @Test
    void aFlightsMessagesUnderOneKeyShareOneRecordToldAtTheLastMessagesStep() throws Exception {
        connect(wanting(true));
        byte[] handshakeKey = new byte[16];
        byte[] applicationKey = new byte[16];
        applicationKey[0] = 1;
        byte[] iv = new byte[12];
        records.protectWrites(AeadAlgorithm.AES_128_GCM, handshakeKey, iv);
        byte[] extensions = records.send(new EncryptedExtensions(List.of()));
        byte[] verify = records.send(new CertificateVerify(SignatureScheme.ED25519, new byte[64]));
        records.protectWrites(AeadAlgorithm.AES_128_GCM, applicationKey, iv);
        records.sendData("hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(told).extracting(event -> event.event().step())
                .containsExactly(Step.CERTIFICATE_VERIFY, Step.APPLICATION_DATA);
        RecordReader reader = RecordReader.client(raw.getInputStream());
        InnerPlaintext flight = opener(handshakeKey, iv).open(reader.next());
        assertThat(flight.type()).isEqualTo(RecordContentType.HANDSHAKE);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        messages.writeBytes(extensions);
        messages.writeBytes(verify);
        assertThat(flight.content()).isEqualTo(messages.toByteArray());
        InnerPlaintext data = opener(applicationKey, iv).open(reader.next());
        assertThat(data.type()).isEqualTo(RecordContentType.APPLICATION_DATA);
        assertThat(data.content()).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
    }

    @Test
    void aFlightLongerThanARecordSpansRecordsAllToldAtTheLastMessagesStep() throws Exception {
        connect(wanting(true));
        byte[] key = new byte[16];
        byte[] iv = new byte[12];
        records.protectWrites(AeadAlgorithm.AES_128_GCM, key, iv);
        byte[] extensions = records.send(new EncryptedExtensions(List.of()));
        byte[] certificate = records.send(new CertificateMessage(new byte[0],
                List.of(new CertificateMessage.Entry(new byte[20_000], List.of()))));
        records.flush();

        assertThat(told).extracting(event -> event.event().step())
                .containsExactly(Step.CERTIFICATE, Step.CERTIFICATE);
        RecordReader reader = RecordReader.client(raw.getInputStream());
        RecordProtection opener = opener(key, iv);
        InnerPlaintext first = opener.open(reader.next());
        InnerPlaintext second = opener.open(reader.next());
        assertThat(first.content()).hasSize(TlsRecord.MAX_PLAINTEXT);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.writeBytes(first.content());
        sent.writeBytes(second.content());
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        messages.writeBytes(extensions);
        messages.writeBytes(certificate);
        assertThat(sent.toByteArray()).isEqualTo(messages.toByteArray());
    }

    @Test
    void anAlertFollowsTheMessagesSentBeforeItUnderTheirKey() throws Exception {
        connect(wanting(true));
        byte[] key = new byte[16];
        byte[] iv = new byte[12];
        records.protectWrites(AeadAlgorithm.AES_128_GCM, key, iv);
        byte[] extensions = records.send(new EncryptedExtensions(List.of()));
        records.sendAlert(Alert.INTERNAL_ERROR);

        assertThat(told).extracting(event -> event.event().step())
                .containsExactly(Step.HANDSHAKE_KEY, Step.HANDSHAKE_KEY);
        RecordReader reader = RecordReader.client(raw.getInputStream());
        RecordProtection opener = opener(key, iv);
        InnerPlaintext message = opener.open(reader.next());
        assertThat(message.type()).isEqualTo(RecordContentType.HANDSHAKE);
        assertThat(message.content()).isEqualTo(extensions);
        InnerPlaintext alert = opener.open(reader.next());
        assertThat(alert.type()).isEqualTo(RecordContentType.ALERT);
        assertThat(AlertCodec.decode(alert.content())).isEqualTo(Alert.INTERNAL_ERROR);
    }

    @Test
    void receivedRecordsAreToldBeforeTheMessageTheyCompleteChangeCipherSpecIncluded() throws Exception {
        connect(wanting(true));
        records.send(new Finished(new byte[32]));
        byte[] finished = new byte[4 + 32];
        finished[0] = 20;
        finished[3] = 32;
        byte[] first = new TlsRecord(RecordContentType.HANDSHAKE, Arrays.copyOf(finished, 10)).encode();
        byte[] second = new TlsRecord(RecordContentType.HANDSHAKE, Arrays.copyOfRange(finished, 10, 36)).encode();
        told.clear();
        write(CHANGE_CIPHER_SPEC);
        write(first);
        write(second);

        assertThat(records.receive()).isInstanceOf(Tls13Records.HandshakeIn.class);
        assertThat(told).extracting(TraceEvent::event).allSatisfy(event -> {
            assertThat(event).isInstanceOf(Event.Tls13RecordReceived.class);
            assertThat(event.step()).isEqualTo(Step.FINISHED);
        });
        assertThat(told).extracting(event -> ((Event.Tls13RecordReceived) event.event()).wire())
                .containsExactly(CHANGE_CIPHER_SPEC, first, second);
    }

    @Test
    void aRecordThatFailsIsStillToldBeforeTheFailure() throws Exception {
        connect(wanting(true));
        records.protectReads(AeadAlgorithm.AES_128_GCM, new byte[16], new byte[12]);
        byte[] forged = new TlsRecord(RecordContentType.APPLICATION_DATA, new byte[40]).encode();
        write(forged);

        assertThatThrownBy(records::receive).isInstanceOf(ProtocolException.class);
        assertThat(told).extracting(event -> ((Event.Tls13RecordReceived) event.event()).wire())
                .containsExactly(forged);
    }

    @Test
    void anAlertsRecordBelongsToTheLastMessagesStepInTheHandshakeAndToTheSessionAfter() throws Exception {
        connect(wanting(true));
        records.send(new Finished(new byte[32]));
        records.sendAlert(Alert.CLOSE_NOTIFY);
        records.protectReads(AeadAlgorithm.AES_128_GCM, new byte[16], new byte[12]);
        records.protectReads(AeadAlgorithm.AES_128_GCM, new byte[16], new byte[12]);
        records.sendAlert(Alert.CLOSE_NOTIFY);

        assertThat(told).extracting(event -> event.event().step())
                .containsExactly(Step.FINISHED, Step.FINISHED, Step.APPLICATION_DATA);
    }

    @Test
    void anObserverThatDoesNotWantRecordsIsToldNone() throws Exception {
        connect(wanting(false));
        records.send(new Finished(new byte[32]));
        records.flush();
        write(new TlsRecord(RecordContentType.ALERT, new byte[] {1, 0}).encode());

        assertThat(records.receive()).isInstanceOf(Tls13Records.CloseNotify.class);
        assertThat(told).isEmpty();
    }

    private HandshakeObserver wanting(boolean records) {
        return new HandshakeObserver() {
            @Override
            public void onEvent(TraceEvent event) {
                told.add(event);
            }

            @Override
            public boolean wantsRecords() {
                return records;
            }
        };
    }

    private void connect(HandshakeObserver observer) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            records = SocketTls13Records.server(listener.accept(), new InsecureTestCrypto(), PATIENCE, PATIENCE)
                    .observedBy(observer);
        }
    }

    private static RecordProtection opener(byte[] key, byte[] iv) {
        return new RecordProtection(new InsecureTestCrypto().aead(AeadAlgorithm.AES_128_GCM, key), iv);
    }

    private void write(byte[] bytes) throws IOException {
        raw.getOutputStream().write(bytes);
        raw.getOutputStream().flush();
    }
}
