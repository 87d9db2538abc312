package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TracedRecord;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestPeers;
import dev.minitls.transport.json.JsonLinesV1Codec;
import dev.minitls.transport.json.JsonLinesV2Codec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How each event is put in words: the descriptions, value names and secret marks every printer shows, for the events
 * of real v1 and v2 handshakes and sessions and for failures.
 */
class NarrationTest {

    private static final CryptoProvider CRYPTO = new InsecureTestCrypto();
    private static final WireFormats FORMATS = new WireFormats(new JsonLinesV1Codec(), new JsonLinesV2Codec());
    private static final TestCertificates.Pki PKI = TestCertificates.pki();
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    private final RecordedEvents client = new RecordedEvents();
    private final RecordedEvents server = new RecordedEvents();

    @Test
    void aV1HandshakeAndSessionAreToldStepByStep() {
        session(ProtocolVersion.V1);

        assertThat(descriptions(client)).containsExactly(
                "sent ClientHello (v1) for \"example-server\"",
                "the ClientHello enters the transcript",
                "received ServerHello (X25519)",
                "the ServerHello enters the transcript",
                "X25519(client private key, server key share)",
                "derived_key = HKDF-SHA256(shared secret, info \"Handshake Data\"); one HKDF of it per key",
                "received the server certificate of \"CN=example-server\"",
                "issued by the trusted root \"CN=Test Root\", its signature verifies with the root's key, valid now,"
                        + " issued to example-server",
                "the Certificate enters the transcript",
                "the Ed25519 signature verifies with the certificate's key",
                "the CertificateVerify enters the transcript",
                "the server's Finished MAC matches our transcript",
                "the server Finished enters the transcript",
                "sent client Finished: HMAC-SHA256(client finished key, transcript hash)",
                "the client Finished enters the transcript",
                "application keys derived",
                "sent 5 bytes of application data");
        assertThat(descriptions(server)).containsExactly(
                "received ClientHello (v1) for \"example-server\"",
                "the ClientHello enters the transcript",
                "sent ServerHello (X25519)",
                "the ServerHello enters the transcript",
                "X25519(server private key, client key share)",
                "derived_key = HKDF-SHA256(shared secret, info \"Handshake Data\"); one HKDF of it per key",
                "sent the server certificate",
                "the Certificate enters the transcript",
                "signed the transcript with the certificate's Ed25519 key",
                "the CertificateVerify enters the transcript",
                "sent server Finished: HMAC-SHA256(server finished key, transcript hash)",
                "the server Finished enters the transcript",
                "the client's Finished MAC matches our transcript",
                "the client Finished enters the transcript",
                "application keys in use",
                "received 5 bytes of application data");
    }

    @Test
    void secretsAreNamedAsTheProtocolNamesThemAndMarkedSecretAndNothingElseIs() {
        session(ProtocolVersion.V1);

        for (RecordedEvents side : List.of(client, server)) {
            List<TraceValue> values = side.events().stream().flatMap(e -> e.values().stream()).toList();
            assertThat(values.stream().filter(TraceValue::secret).map(TraceValue::name)).containsExactly(
                    "shared secret", "derived_key", "finished_key_server", "finished_key_client", "client_app_key",
                    "client_app_iv", "server_app_key", "server_app_iv", "record nonce");
        }
    }

    @Test
    void eachTranscriptStepNamesTheMessageAndTheHash() {
        session(ProtocolVersion.V2);

        for (RecordedEvents side : List.of(client, server)) {
            List<Narration> transcripts = side.events().stream().filter(e -> e.step() == Step.TRANSCRIPT).toList();
            assertThat(transcripts).allSatisfy(e -> assertThat(e.values()).extracting(TraceValue::name)
                    .containsExactly("message", "transcript"));
            assertThat(transcripts).extracting(e -> e.values().get(0).asString()).containsExactly("ClientHello",
                    "ServerHello", "Certificate", "CertificateVerify", "server Finished", "client Finished");
        }
    }

    @Test
    void theReceivedCertificateIsToldFieldByFieldThenItsPemThenItsRecord() {
        session(ProtocolVersion.V2);
        Narration certificate = client.events().stream().filter(e -> e.step() == Step.CERTIFICATE).findFirst()
                .orElseThrow();
        Certificate parsed = CRYPTO.parseCertificate(PKI.serverPem());

        assertThat(certificate.values()).extracting(TraceValue::name).containsExactly("subject", "issuer",
                "not before", "not after", "names", "serial number", "key algorithm", "public key",
                "signature algorithm", "certificate signature", "certificate (PEM)", "record seq", "record nonce",
                "record ciphertext", "record plaintext");
        assertThat(value(certificate, "names").asString()).isEqualTo("CN=example-server, DNS:example-server");
        assertThat(value(certificate, "not after").asString()).isEqualTo(parsed.notAfter().toString());
        assertThat(value(certificate, "serial number").asString()).isEqualTo(parsed.serialNumber().toString(16));
        assertThat(value(certificate, "certificate (PEM)").value()).isEqualTo(PKI.serverPem());
        assertThat(value(certificate, "record seq").asString()).isEqualTo("0");
    }

    @Test
    void aV2SessionTellsItsKeyScheduleAndItsRecordsAndItsEnd() {
        SecureChannel channel = session(ProtocolVersion.V2);
        channel.close();

        Narration keys = client.events().stream().filter(e -> e.step() == Step.HANDSHAKE_KEY).findFirst()
                .orElseThrow();
        assertThat(keys.description()).isEqualTo("TLS 1.3 key schedule (RFC 8446 section 7.1) over the shared"
                + " secret and the hellos; the rest of the handshake is encrypted");
        assertThat(keys.values()).extracting(TraceValue::name).startsWith("early_secret", "handshake_secret",
                "client_handshake_traffic_secret");
        Narration sent = client.events().get(client.events().size() - 2);
        assertThat(sent.description()).isEqualTo("sent 5 bytes of application data");
        assertThat(sent.values()).extracting(TraceValue::name)
                .containsExactly("record seq", "record nonce", "record ciphertext", "record plaintext");
        assertThat(sent.values()).extracting(TraceValue::secret).containsExactly(false, true, false, false);
        assertThat(client.events().get(client.events().size() - 1).description()).isEqualTo("sent close_notify");
    }

    @Test
    void failuresSayWhyAndWhatWentOut() {
        TracedRecord record = new TracedRecord(3, Secret.of(new byte[12]), new byte[] {1}, new byte[] {2});

        assertThat(told(new Event.HandshakeFailed(Step.VERIFY_CERTIFICATE_VERIFY, Failure.BAD_SIGNATURE,
                "CertificateVerify rejected: bad", Optional.of(Alert.DECRYPT_ERROR), Optional.of(record))))
                .isEqualTo("handshake failed: CertificateVerify rejected: bad; sent the alert decrypt_error");
        assertThat(told(new Event.HandshakeFailed(Step.FINISHED, Failure.ALERT_RECEIVED,
                "the peer sent an alert: decrypt_error", Optional.empty(), Optional.empty())))
                .isEqualTo("handshake failed: the peer sent an alert: decrypt_error;"
                        + " closed the connection without an alert");
        assertThat(told(new Event.SessionFailed(Failure.TIMEOUT, "timed out: no complete frame within 5000 ms",
                Optional.of(Alert.CLOSE_NOTIFY), Optional.of(record))))
                .isEqualTo("session failed: timed out: no complete frame within 5000 ms; sent the alert close_notify");
        assertThat(told(new Event.AlertReceived(Alert.CLOSE_NOTIFY, Optional.of(record))))
                .isEqualTo("received close_notify");
        Narration failed = Narration.of(new TraceEvent(Side.CLIENT, "p", new Event.HandshakeFailed(
                Step.FINISHED, Failure.BAD_FINISHED, "why", Optional.of(Alert.DECRYPT_ERROR), Optional.of(record))));
        assertThat(failed.step()).isEqualTo(Step.FINISHED);
        assertThat(failed.values()).extracting(TraceValue::name)
                .containsExactly("record seq", "record nonce", "record ciphertext", "record plaintext");
    }

    @Test
    void everyStepHasItsTitle() {
        assertThat(Arrays.stream(Step.values()).map(Narration::title)).doesNotHaveDuplicates()
                .startsWith("certificates", "what is inside the certificates").endsWith("application data");
        assertThat(Narration.title(Step.SHARED_SECRET)).isEqualTo("X25519 shared secret");
    }

    /** A handshake of {@code protocol} watched by both recorders, then "hello" from client to server. */
    private SecureChannel session(ProtocolVersion protocol) {
        ClientConfig clientConfig = new ClientConfig(CRYPTO, FixedRandom.counting(),
                Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC), PKI.root(), TestCertificates.SERVER_NAME,
                protocol, client);
        ServerConfig serverConfig = new ServerConfig(CRYPTO, FixedRandom.counting(), PKI.serverPem(),
                CRYPTO.ed25519SigningKey(PKI.serverKey()), server);
        TestPeers.Both both = TestPeers.handshake(FakeTransport.pair(), FORMATS, clientConfig, serverConfig);
        both.client().channel().send(HELLO);
        assertThat(both.server().channel().receive()).hasValue(HELLO);
        return both.client().channel();
    }

    private static List<String> descriptions(RecordedEvents side) {
        return side.events().stream().map(Narration::description).toList();
    }

    private static TraceValue value(Narration narration, String name) {
        return narration.values().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static String told(Event event) {
        return Narration.of(new TraceEvent(Side.SERVER, "", event)).description();
    }
}
