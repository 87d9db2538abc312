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
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Fault;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

        TraceEvent failure = last(client);
        assertThat(failure.step()).isEqualTo(Step.VERIFY_CERTIFICATE_VERIFY);
        assertThat(failure.description())
                .isEqualTo("handshake failed: " + refused.getMessage() + "; sent the alert decrypt_error");
        byte[] alertFrame = run.sentByClient().get(run.sentByClient().size() - 1);
        assertAlertRecord(failure, alertFrame, Alert.DECRYPT_ERROR);

        TraceEvent told = last(server);
        assertThat(told.step()).as("the server was waiting for the client's Finished").isEqualTo(Step.FINISHED);
        assertThat(told.description()).isEqualTo(
                "handshake failed: the peer sent an alert: decrypt_error; closed the connection without an alert");
        assertThat(told.values()).isEmpty();
    }

    @Test
    void aServerThatCannotSignTracesItsFailureAtStep12() {
        SigningKey broken = new ResigningKey(CRYPTO.ed25519SigningKey(PKI.serverKey()), hash -> {
            throw new IllegalStateException("the key store went away");
        });
        Handshakes.Run run = wire.run(Handshakes.clientConfig(ProtocolVersion.V2, PKI.root(), client),
                Handshakes.serverConfig(PKI.serverPem(), broken, server), Fault.NONE, Fault.NONE);

        run.clientFailed(Failure.ALERT_RECEIVED);

        TraceEvent failure = last(server);
        assertThat(failure.step()).isEqualTo(Step.CERTIFICATE_VERIFY);
        assertThat(failure.description())
                .isEqualTo("handshake failed: the key store went away; sent the alert internal_error");
        assertAlertRecord(failure, run.sentByServer().get(run.sentByServer().size() - 1), Alert.INTERNAL_ERROR);
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

        TraceEvent ended = last(server);
        assertThat(ended.step()).isEqualTo(Step.APPLICATION_DATA);
        assertThat(ended.description())
                .isEqualTo("session failed: timed out: no complete frame within 5000 ms; sent the alert close_notify");
        List<byte[]> sent = transport.server().sentFrames();
        assertAlertRecord(ended, sent.get(sent.size() - 1), Alert.CLOSE_NOTIFY);
        assertThat(server.events.stream().filter(e -> e.description().equals("sent close_notify")))
                .as("one event for the ending, not two").isEmpty();
    }

    @Test
    void anObserverThatThrowsWhileAFailureIsTracedDoesNotHideTheFailure() {
        IllegalStateException observerBug = new IllegalStateException("the observer broke");
        Handshakes.Run run = wire.run(Handshakes.clientConfig(ProtocolVersion.V2, PKI.root(), event -> {
            if (event.description().startsWith(TraceEvent.HANDSHAKE_FAILED)) {
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

        TraceEvent failure = last(server);
        assertThat(failure.step()).isEqualTo(Step.APPLICATION_DATA);
        assertThat(failure.description())
                .isEqualTo("session failed: " + rejected.getMessage() + "; sent the alert bad_record_mac");
        byte[] alertFrame = run.sentByServer().get(run.sentByServer().size() - 1);
        assertAlertRecord(failure, alertFrame, Alert.BAD_RECORD_MAC);
    }

    @Test
    void aFailureAfterOurOwnCloseNotifyIsTracedWithoutAnAlert() {
        Handshakes.Run run = wire.run(client, server, FIRST_CLIENT_RECORD_TAMPERED, Fault.NONE);
        run.serverConnected().closeOutbound();
        run.clientConnected().send("tampered".getBytes(StandardCharsets.UTF_8));

        ProtocolException rejected = V2Handshakes.receiveFails(run.serverConnected());

        TraceEvent failure = last(server);
        assertThat(failure.step()).isEqualTo(Step.APPLICATION_DATA);
        assertThat(failure.description()).isEqualTo(
                "session failed: " + rejected.getMessage() + "; closed the connection without an alert");
        assertThat(failure.values()).isEmpty();
    }

    @Test
    void aSendThatFailsIsTracedAsTheSessionsFailure() {
        Handshakes.Run run = wire.run(client, server, Fault.NONE, Fault.NONE);
        SecureChannel session = run.clientConnected();
        run.transport().client().close();

        Throwable failed = catchThrowable(() -> session.send("too late".getBytes(StandardCharsets.UTF_8)));

        assertThat(failed).isInstanceOf(ProtocolException.class);
        TraceEvent failure = last(client);
        assertThat(failure.step()).isEqualTo(Step.APPLICATION_DATA);
        assertThat(failure.description()).isEqualTo(
                "session failed: " + failed.getMessage() + "; closed the connection without an alert");
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

    private static TraceEvent last(Recorder side) {
        return side.events.get(side.events.size() - 1);
    }

    /** The event's values are the record the alert went out in, exactly as on the wire. */
    private static void assertAlertRecord(TraceEvent event, byte[] frame, Alert alert) {
        ApplicationRecord sent = record(frame);
        List<String> names = event.values().stream().map(TraceValue::name).toList();
        assertThat(names).containsExactly("record seq", "record nonce", "record ciphertext", "record plaintext");
        assertThat(event.values().get(0).asString()).isEqualTo(Long.toString(sent.sequence()));
        assertThat(event.values().get(2).value()).isEqualTo(sent.ciphertext());
        assertThat(event.values().get(3).value()).isEqualTo(inner(alertLine(alert), ALERT));
    }
}
