package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.FIRST_CLIENT_RECORD;
import static dev.minitls.domain.handshake.Handshakes.FIRST_SERVER_RECORD;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.V2Handshakes.APPLICATION_DATA;
import static dev.minitls.domain.handshake.V2Handshakes.CERTIFICATE_VERIFY_CONTEXT;
import static dev.minitls.domain.handshake.V2Handshakes.CODEC;
import static dev.minitls.domain.handshake.V2Handshakes.THROUGH_CERTIFICATE;
import static dev.minitls.domain.handshake.V2Handshakes.THROUGH_CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.V2Handshakes.THROUGH_CLIENT_FINISHED;
import static dev.minitls.domain.handshake.V2Handshakes.THROUGH_SERVER_FINISHED;
import static dev.minitls.domain.handshake.V2Handshakes.inner;
import static dev.minitls.domain.handshake.V2Handshakes.open;
import static dev.minitls.domain.handshake.V2Handshakes.signedContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.handshake.ObserverTest.Recorder;
import dev.minitls.domain.handshake.V2Handshakes.Keys;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.Event;
import dev.minitls.testing.FakeTransport.Fault;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol v2 transcript is the hash of the handshake lines, the hellos as sent and the other messages as they
 * are inside their records (not the records): both sides report the same hash at each step, equal to the one the
 * test computes from the decrypted lines, and the signature, both Finished and the application keys are bound to it.
 */
class V2TranscriptTest {

    private final Wire wire = new Wire();
    private final Recorder client = new Recorder();
    private final Recorder server = new Recorder();
    private Handshakes.Run run;

    @BeforeEach
    void handshake() {
        run = wire.run(client, server, Fault.NONE, Fault.NONE);
        run.clientConnected();
        run.serverConnected();
    }

    @Test
    void bothSidesReportTheHashOfTheHandshakeLinesAfterEachMessage() {
        List<byte[]> expected =
                IntStream.rangeClosed(1, THROUGH_CLIENT_FINISHED).mapToObj(wire::transcriptHash).toList();

        assertThat(transcripts(client)).as("client: after each of the six handshake messages")
                .containsExactlyElementsOf(expected);
        assertThat(transcripts(server)).as("server: after each of the six handshake messages")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void theSignatureCoversTheContextStringAndTheTranscriptThroughTheCertificate() {
        byte[] content = signedContent(CERTIFICATE_VERIFY_CONTEXT, wire.transcriptHash(THROUGH_CERTIFICATE));
        CertificateVerify sent = (CertificateVerify) CODEC.decode(
                wire.transcriptLines().get(CERTIFICATE_VERIFY + 1), MessageType.CERTIFICATE_VERIFY);

        assertThat(server.first(Event.TranscriptSigned.class).signedContent()).isEqualTo(content);
        assertThat(client.first(Event.SignatureChecked.class).signedContent()).isEqualTo(content);
        assertThat(sent.signature()).isEqualTo(CRYPTO.ed25519SigningKey(PKI.serverKey()).sign(content));
    }

    @Test
    void eachFinishedIsTheMacOfTheTranscriptOfTheLinesBeforeIt() {
        List<byte[]> lines = wire.transcriptLines();
        byte[] serverMac = CRYPTO.hmac(HashAlgorithm.SHA256, wire.serverFinishedKey().bytes(),
                wire.transcriptHash(THROUGH_CERTIFICATE_VERIFY));
        byte[] clientMac = CRYPTO.hmac(HashAlgorithm.SHA256, wire.clientFinishedKey().bytes(),
                wire.transcriptHash(THROUGH_SERVER_FINISHED));

        assertThat(lines).hasSize(THROUGH_CLIENT_FINISHED);
        assertThat(mac(lines.get(SERVER_FINISHED + 1))).isEqualTo(serverMac);
        assertThat(mac(lines.get(THROUGH_SERVER_FINISHED))).isEqualTo(clientMac);
        assertThat(client.first(Event.FinishedChecked.class).mac()).isEqualTo(serverMac);
        assertThat(client.first(Event.FinishedSent.class).mac()).isEqualTo(clientMac);
        assertThat(server.first(Event.FinishedSent.class).mac()).isEqualTo(serverMac);
        assertThat(server.first(Event.FinishedChecked.class).mac()).isEqualTo(clientMac);
    }

    @Test
    void theApplicationKeysComeFromTheTranscriptThroughTheServersFinished() {
        byte[] message = "bound to the transcript".getBytes(StandardCharsets.UTF_8);
        run.clientConnected().send(message);
        run.serverConnected().send(message);

        assertThat(open(wire.keys(Keys.CLIENT_APPLICATION), run.sentByClient().get(FIRST_CLIENT_RECORD)))
                .isEqualTo(inner(message, APPLICATION_DATA));
        assertThat(open(wire.keys(Keys.SERVER_APPLICATION), run.sentByServer().get(FIRST_SERVER_RECORD)))
                .isEqualTo(inner(message, APPLICATION_DATA));
    }

    private static List<byte[]> transcripts(Recorder side) {
        return side.all(Event.TranscriptUpdated.class).stream().map(Event.TranscriptUpdated::transcriptHash).toList();
    }

    private static byte[] mac(byte[] finishedLine) {
        return ((Finished) CODEC.decode(finishedLine, MessageType.FINISHED)).mac();
    }
}
