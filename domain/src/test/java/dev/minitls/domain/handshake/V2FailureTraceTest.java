package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.FIRST_CLIENT_RECORD;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.flipBit;
import static dev.minitls.domain.handshake.V2Handshakes.ALERT;
import static dev.minitls.domain.handshake.V2Handshakes.CODEC;
import static dev.minitls.domain.handshake.V2Handshakes.alertLine;
import static dev.minitls.domain.handshake.V2Handshakes.inner;
import static dev.minitls.domain.handshake.V2Handshakes.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ObserverTest.Recorder;
import dev.minitls.domain.handshake.V2CertificateVerifyTest.ResigningKey;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.TracedRecord;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Fault;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A failure is traced too: at the step the side was attempting, saying why, and with the alert it sent as a record
 * like any other (the peer traces the alert it received as its own failure).
 */
class V2FailureTraceTest {

    /** The client's first record after the handshake, a bit of its ciphertext flipped. */
    private static final Fault FIRST_CLIENT_RECORD_TAMPERED = Fault.alter(FIRST_CLIENT_RECORD,
            frame -> CODEC.encode(new ApplicationRecord(0, flipBit(record(frame).ciphertext(), 0))));

    private final Wire wire = new Wire();
    private final Recorder client = new Recorder();
    private final Recorder server = new Recorder();

    @Test
    void aRefusedCertificateVerifyIsTracedWithTheAlertSentAndTheServerTracesTheAlertReceived() {
        ResigningKey barePrefix = new ResigningKey(CRYPTO.ed25519SigningKey(PKI.serverKey()), hash -> hash);
        Handshakes.Run run = wire.run(Handshakes.clientConfig(ProtocolVersion.V2, PKI.root(), client),
                Handshakes.serverConfig(PKI.serverPem(), barePrefix, server), Fault.NONE, Fault.NONE);

        ProtocolException refused = run.clientFailed(Failure.BAD_SIGNATURE);
        run.serverFailed(Failure.ALERT_RECEIVED);

        Event.HandshakeFailed failure = last(client, Event.HandshakeFailed.class);
        assertThat(failure.step()).isEqualTo(Step.VERIFY_CERTIFICATE_VERIFY);
        assertThat(failure.failure()).isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(failure.reason()).isEqualTo(refused.getMessage());
        byte[] alertFrame = run.sentByClient().get(run.sentByClient().size() - 1);
        assertAlertRecord(failure.alert(), failure.record(), alertFrame, Alert.DECRYPT_ERROR);

        Event.HandshakeFailed told = last(server, Event.HandshakeFailed.class);
        assertThat(told.step()).as("the server was waiting for the client's Finished").isEqualTo(Step.FINISHED);
        assertThat(told).isEqualTo(new Event.HandshakeFailed(Step.FINISHED, Failure.ALERT_RECEIVED,
                "the peer sent an alert: decrypt_error", Optional.empty(), Optional.empty()));
    }

    @Test
    void aServerThatCannotSignTracesItsFailureAtStep12() {
        SigningKey broken = new ResigningKey(CRYPTO.ed25519SigningKey(PKI.serverKey()), hash -> {
            throw new IllegalStateException("the key store went away");
        });
        Handshakes.Run run = wire.run(Handshakes.clientConfig(ProtocolVersion.V2, PKI.root(), client),
                Handshakes.serverConfig(PKI.serverPem(), broken, server), Fault.NONE, Fault.NONE);

        run.clientFailed(Failure.ALERT_RECEIVED);

        Event.HandshakeFailed failure = last(server, Event.HandshakeFailed.class);
        assertThat(failure.step()).isEqualTo(Step.CERTIFICATE_VERIFY);
        assertThat(failure.failure()).isEqualTo(Failure.INTERNAL_ERROR);
        assertThat(failure.reason()).isEqualTo("the key store went away");
        assertAlertRecord(failure.alert(), failure.record(), run.sentByServer().get(run.sentByServer().size() - 1),
                Alert.INTERNAL_ERROR);
    }

    @Test
    void aSessionThatTimesOutIsTracedAsEndedWithCloseNotify() throws Exception {
        FakeTransport transport = FakeTransport.pair();
        FailingReads serverConnection = new FailingReads(transport.server());
        CompletableFuture<SecureChannel> accepting = CompletableFuture.supplyAsync(() -> ServerHandshake.accept(
                serverConnection, Handshakes.FORMATS, Handshakes.serverConfig(PKI.serverPem(), server)));
        ClientHandshake.connect(transport.client(), Handshakes.FORMATS,
                Handshakes.clientConfig(ProtocolVersion.V2, PKI.root(), client));
        SecureChannel session = accepting.get(FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS);
        serverConnection.failure = new ProtocolException(Failure.TIMEOUT, "no complete frame within 5000 ms");

        assertThat(catchThrowable(session::receive)).isSameAs(serverConnection.failure);

        Event.SessionFailed ended = last(server, Event.SessionFailed.class);
        assertThat(ended.step()).isEqualTo(Step.APPLICATION_DATA);
        assertThat(ended.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(ended.reason()).isEqualTo("timed out: no complete frame within 5000 ms");
        List<byte[]> sent = transport.server().sentFrames();
        assertAlertRecord(ended.alert(), ended.record(), sent.get(sent.size() - 1), Alert.CLOSE_NOTIFY);
        assertThat(server.all(Event.AlertSent.class)).as("one event for the ending, not two").isEmpty();
    }

    @Test
    void anObserverThatThrowsWhileAFailureIsTracedDoesNotHideTheFailure() {
        IllegalStateException observerBug = new IllegalStateException("the observer broke");
        Handshakes.Run run = wire.run(Handshakes.clientConfig(ProtocolVersion.V2, PKI.root(), event -> {
            if (event.event() instanceof Event.HandshakeFailed) {
                throw observerBug;
            }
        }), Handshakes.serverConfig(PKI.serverPem(), new ResigningKey(CRYPTO.ed25519SigningKey(PKI.serverKey()),
                hash -> hash), server), Fault.NONE, Fault.NONE);

        ProtocolException refused = run.clientFailed(Failure.BAD_SIGNATURE);

        assertThat(refused.getSuppressed()).containsExactly(observerBug);
    }

    @Test
    void aRecordThatFailsAuthenticationIsTracedAsTheSessionsFailureWithTheAlertSent() {
        Handshakes.Run run = wire.run(client, server, FIRST_CLIENT_RECORD_TAMPERED, Fault.NONE);
        run.clientConnected().send("tampered".getBytes(StandardCharsets.UTF_8));

        ProtocolException rejected = V2Handshakes.receiveFails(run.serverConnected());

        Event.SessionFailed failure = last(server, Event.SessionFailed.class);
        assertThat(failure.reason()).isEqualTo(rejected.getMessage());
        byte[] alertFrame = run.sentByServer().get(run.sentByServer().size() - 1);
        assertAlertRecord(failure.alert(), failure.record(), alertFrame, Alert.BAD_RECORD_MAC);
    }

    @Test
    void aFailureAfterOurOwnCloseNotifyIsTracedWithoutAnAlert() {
        Handshakes.Run run = wire.run(client, server, FIRST_CLIENT_RECORD_TAMPERED, Fault.NONE);
        run.serverConnected().closeOutbound();
        run.clientConnected().send("tampered".getBytes(StandardCharsets.UTF_8));

        ProtocolException rejected = V2Handshakes.receiveFails(run.serverConnected());

        assertThat(last(server, Event.SessionFailed.class)).isEqualTo(new Event.SessionFailed(rejected.failure(),
                rejected.getMessage(), Optional.empty(), Optional.empty()));
    }

    @Test
    void aSendThatFailsIsTracedAsTheSessionsFailure() {
        Handshakes.Run run = wire.run(client, server, Fault.NONE, Fault.NONE);
        SecureChannel session = run.clientConnected();
        run.transport().client().close();

        Throwable failed = catchThrowable(() -> session.send("too late".getBytes(StandardCharsets.UTF_8)));

        assertThat(failed).isInstanceOf(ProtocolException.class);
        assertThat(last(client, Event.SessionFailed.class)).isEqualTo(new Event.SessionFailed(
                ((ProtocolException) failed).failure(), failed.getMessage(), Optional.empty(), Optional.empty()));
    }

    @Test
    void closingASessionWhoseConnectionIsGoneNeitherThrowsNorTracesACloseNotify() {
        Handshakes.Run run = wire.run(client, server, Fault.NONE, Fault.NONE);
        SecureChannel session = run.clientConnected();
        int events = client.events.size();
        run.transport().client().close();

        session.close();

        assertThat(client.events).as("nothing traced: no close_notify went out").hasSize(events);
    }

    /** The side's last event, which is of {@code type}. */
    private static <T extends Event> T last(Recorder side, Class<T> type) {
        return type.cast(side.events.get(side.events.size() - 1).event());
    }

    /** The alert told is {@code alert}, and its record the one it went out in, exactly as on the wire. */
    private static void assertAlertRecord(Optional<Alert> told, Optional<TracedRecord> record, byte[] frame,
            Alert alert) {
        ApplicationRecord sent = record(frame);
        assertThat(told).hasValue(alert);
        assertThat(record).isPresent();
        assertThat(record.get().sequence()).isEqualTo(sent.sequence());
        assertThat(record.get().ciphertext()).isEqualTo(sent.ciphertext());
        assertThat(record.get().plaintext()).isEqualTo(inner(alertLine(alert), ALERT));
    }
}
