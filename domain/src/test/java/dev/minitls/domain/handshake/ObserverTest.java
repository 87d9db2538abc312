package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.CODEC;
import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.FIRST_CLIENT_RECORD;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;
import static dev.minitls.domain.handshake.Handshakes.expectedKeys;
import static dev.minitls.domain.handshake.Handshakes.frame;
import static dev.minitls.domain.handshake.Handshakes.sha256;
import static dev.minitls.domain.handshake.Handshakes.sharedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.V1Keys;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a handshake tells its observers: every step in order, and key material only where it is marked secret. */
class ObserverTest {

    /** Keeps every event. */
    static final class Recorder implements HandshakeObserver {

        final List<TraceEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(TraceEvent event) {
            events.add(event);
        }

        List<Step> steps() {
            return events.stream().map(TraceEvent::step).toList();
        }

        Stream<TraceValue> values() {
            return events.stream().flatMap(e -> e.values().stream());
        }

        TraceEvent first(Step step) {
            return events.stream().filter(e -> e.step() == step).findFirst().orElseThrow();
        }
    }

    private final Recorder client = new Recorder();
    private final Recorder server = new Recorder();

    private Handshakes.Run run(Fault clientToServer, Fault serverToClient) {
        return Handshakes.run(
                Handshakes.clientConfig(CRYPTO, PKI.root(), TestCertificates.SERVER_NAME, client),
                Handshakes.serverConfig(PKI.serverPem(), server), clientToServer, serverToClient);
    }

    @Test
    void eachSideReportsItsStepsInOrderAndTogetherTheyCoverSteps5To15() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        run.clientConnected();
        run.serverConnected();

        assertThat(client.steps()).containsExactly(Step.CLIENT_HELLO, Step.TRANSCRIPT, Step.SERVER_HELLO,
                Step.TRANSCRIPT, Step.SHARED_SECRET, Step.HANDSHAKE_KEY, Step.CERTIFICATE, Step.VERIFY_CERTIFICATE,
                Step.TRANSCRIPT, Step.VERIFY_CERTIFICATE_VERIFY, Step.TRANSCRIPT, Step.FINISHED, Step.TRANSCRIPT,
                Step.FINISHED, Step.TRANSCRIPT, Step.APPLICATION_DATA);
        assertThat(server.steps()).containsExactly(Step.CLIENT_HELLO, Step.TRANSCRIPT, Step.SERVER_HELLO,
                Step.TRANSCRIPT, Step.SHARED_SECRET, Step.HANDSHAKE_KEY, Step.CERTIFICATE, Step.TRANSCRIPT,
                Step.CERTIFICATE_VERIFY, Step.TRANSCRIPT, Step.FINISHED, Step.TRANSCRIPT, Step.FINISHED,
                Step.TRANSCRIPT, Step.APPLICATION_DATA);
        assertThat(client.first(Step.HANDSHAKE_KEY).description()).as("how v1 derives its keys")
                .startsWith("derived_key = HKDF-SHA256(shared secret");
        assertThat(client.events).extracting(TraceEvent::side).containsOnly(Side.CLIENT);
        assertThat(server.events).extracting(TraceEvent::side).containsOnly(Side.SERVER);
        assertThat(client.events).extracting(TraceEvent::peer).containsOnly("fake-server");
        assertThat(server.events).extracting(TraceEvent::peer).containsOnly("fake-client");
        assertThat(Stream.concat(client.steps().stream(), server.steps().stream()).map(Step::number).distinct())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(5, 15).boxed().toList());
    }

    @Test
    void reportedTranscriptHashesAreThoseOfTheFramesOnTheWireNamingTheMessageThatChangedThem() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        run.clientConnected();
        run.serverConnected();
        byte[] clientHello = run.sentByClient().get(CLIENT_HELLO);
        List<byte[]> server = run.sentByServer();
        List<byte[]> wire = List.of(clientHello, server.get(SERVER_HELLO), server.get(CERTIFICATE),
                server.get(CERTIFICATE_VERIFY), server.get(Handshakes.SERVER_FINISHED),
                run.sentByClient().get(Handshakes.CLIENT_FINISHED));
        List<String> messages = List.of("ClientHello", "ServerHello", "Certificate", "CertificateVerify",
                "server Finished", "client Finished");

        for (Recorder side : List.of(client, this.server)) {
            List<TraceEvent> transcripts = side.events.stream().filter(e -> e.step() == Step.TRANSCRIPT).toList();
            assertThat(transcripts).hasSize(wire.size());
            for (int i = 0; i < wire.size(); i++) {
                assertThat(transcripts.get(i).values()).extracting(TraceValue::name)
                        .containsExactly("message", "transcript");
                assertThat(transcripts.get(i).values().get(0).asString()).isEqualTo(messages.get(i));
                assertThat(valueNamed(transcripts.get(i), "transcript"))
                        .as("after %s", messages.get(i)).isEqualTo(sha256(wire.subList(0, i + 1)));
            }
        }
        assertThat(valueNamed(this.server.first(Step.CERTIFICATE_VERIFY), "signed content"))
                .isEqualTo(sha256(List.of(clientHello, server.get(SERVER_HELLO), server.get(CERTIFICATE))));
        assertThat(valueNamed(this.server.first(Step.CERTIFICATE_VERIFY), "signature"))
                .isEqualTo(((CertificateVerify) CODEC.decode(server.get(CERTIFICATE_VERIFY),
                        MessageType.CERTIFICATE_VERIFY)).signature());
    }

    @Test
    void theValuesMarkedSecretAreExactlyTheSharedSecretAndTheKeysDerivedFromIt() {
        run(Fault.NONE, Fault.NONE).clientConnected();
        V1Keys keys = expectedKeys();

        for (Recorder side : List.of(client, server)) {
            List<TraceValue> secrets = side.values().filter(TraceValue::secret).toList();
            assertThat(secrets).extracting(TraceValue::name).containsExactly("shared secret", "derived_key",
                    "finished_key_server", "finished_key_client", "client_app_key", "client_app_iv",
                    "server_app_key", "server_app_iv");
            assertThat(secrets).extracting(TraceValue::value).containsExactly(sharedSecret(),
                    keys.derivedKey().bytes(), keys.serverFinishedKey().bytes(), keys.clientFinishedKey().bytes(),
                    keys.clientToServer().key().bytes(), keys.clientToServer().iv().bytes(),
                    keys.serverToClient().key().bytes(), keys.serverToClient().iv().bytes());
        }
    }

    @Test
    void noOpenValueOrDescriptionHoldsKeyMaterial() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        run.clientConnected().send("hello".getBytes(StandardCharsets.UTF_8));
        run.serverConnected().receive();
        V1Keys keys = expectedKeys();
        List<byte[]> keyMaterial = List.of(sharedSecret(), keys.derivedKey().bytes(),
                keys.serverFinishedKey().bytes(), keys.clientFinishedKey().bytes(),
                keys.clientToServer().key().bytes(), keys.clientToServer().iv().bytes(),
                keys.serverToClient().key().bytes(), keys.serverToClient().iv().bytes());

        List<TraceEvent> all = Stream.concat(client.events.stream(), server.events.stream()).toList();
        assertThat(all).extracting(TraceEvent::step).contains(Step.APPLICATION_DATA);
        for (TraceEvent event : all) {
            for (byte[] secret : keyMaterial) {
                assertThat(event.description()).doesNotContain(Bytes.hex(secret));
                event.values().stream().filter(v -> !v.secret()).forEach(v -> assertThat(contains(v.value(), secret))
                        .as("%s %s holds key material", event.step(), v.name()).isFalse());
            }
        }
    }

    @Test
    void eachRecordIsReportedWithItsSequenceNumberNonceCiphertextAndPlaintext() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        run.clientConnected().send(hello);
        run.clientConnected().send(hello);
        run.serverConnected().receive();
        run.serverConnected().receive();
        byte[] iv = expectedKeys().clientToServer().iv().bytes();

        List<TraceEvent> sent = client.events.subList(client.events.size() - 2, client.events.size());
        List<TraceEvent> received = server.events.subList(server.events.size() - 2, server.events.size());
        for (int seq = 0; seq < 2; seq++) {
            ApplicationRecord onTheWire = (ApplicationRecord) CODEC.decode(
                    run.sentByClient().get(FIRST_CLIENT_RECORD + seq), MessageType.APPLICATION_RECORD);
            byte[] nonce = iv.clone();
            nonce[nonce.length - 1] ^= (byte) seq;
            for (TraceEvent event : List.of(sent.get(seq), received.get(seq))) {
                assertThat(event.step()).isEqualTo(Step.APPLICATION_DATA);
                assertThat(event.values()).extracting(TraceValue::name)
                        .containsExactly("record seq", "record nonce", "record ciphertext", "record plaintext");
                assertThat(event.values()).extracting(TraceValue::secret).containsExactly(false, true, false, false);
                assertThat(event.values().get(0).asString()).isEqualTo(Integer.toString(seq));
                assertThat(valueNamed(event, "record nonce")).isEqualTo(nonce);
                assertThat(valueNamed(event, "record ciphertext")).isEqualTo(onTheWire.ciphertext());
                assertThat(valueNamed(event, "record plaintext")).isEqualTo(hello);
            }
            assertThat(sent.get(seq).description()).isEqualTo("sent 5 bytes of application data");
            assertThat(received.get(seq).description()).isEqualTo("received 5 bytes of application data");
        }
    }

    @Test
    void theClientReportsTheCertificateItReceivedFieldByField() {
        run(Fault.NONE, Fault.NONE).clientConnected();
        TraceEvent certificate = client.first(Step.CERTIFICATE);

        assertThat(certificate.values()).extracting(TraceValue::name).containsExactly("subject", "issuer",
                "not before", "not after", "names", "serial number", "key algorithm", "public key",
                "signature algorithm", "certificate signature", "certificate (PEM)");
        assertThat(valueNamed(certificate, "certificate (PEM)")).isEqualTo(PKI.serverPem());
        assertThat(valueNamed(this.server.first(Step.CERTIFICATE), "certificate (PEM)")).isEqualTo(PKI.serverPem());
        Certificate parsed = CRYPTO.parseCertificate(PKI.serverPem());
        assertThat(text(certificate, "subject")).isEqualTo(parsed.subjectText());
        assertThat(text(certificate, "issuer")).isEqualTo(parsed.issuerText());
        assertThat(text(certificate, "not after")).isEqualTo(parsed.notAfter().toString());
        assertThat(text(certificate, "names")).isEqualTo("CN=" + TestCertificates.SERVER_NAME + ", DNS:" + TestCertificates.SERVER_NAME);
        assertThat(valueNamed(certificate, "public key")).isEqualTo(parsed.publicKey());
        assertThat(valueNamed(certificate, "certificate signature")).isEqualTo(parsed.signature());
    }

    @Test
    void aCheckThatFailsIsNotReportedAsPassed() {
        byte[] expired = PKI.serverBuilder().validity(TestCertificates.NOT_BEFORE, TestCertificates.NOW.minusSeconds(1))
                .build();
        ProtocolException e = run(Fault.NONE, Fault.replace(CERTIFICATE, frame(new CertificateMessage(expired))))
                .clientFailed(Failure.CERTIFICATE_EXPIRED);

        assertThat(client.steps()).endsWith(Step.CERTIFICATE, Step.VERIFY_CERTIFICATE);
        assertFailureReported(client, Step.VERIFY_CERTIFICATE,
                "handshake failed: " + e.getMessage() + "; closed the connection without an alert");
    }

    @Test
    void aSignatureThatFailsIsNotReportedAsVerified() {
        ProtocolException e = run(Fault.NONE,
                Fault.replace(CERTIFICATE_VERIFY, frame(new CertificateVerify(new byte[64]))))
                .clientFailed(Failure.BAD_SIGNATURE);

        assertThat(client.steps()).endsWith(Step.VERIFY_CERTIFICATE, Step.TRANSCRIPT, Step.VERIFY_CERTIFICATE_VERIFY);
        assertFailureReported(client, Step.VERIFY_CERTIFICATE_VERIFY,
                "handshake failed: " + e.getMessage() + "; closed the connection without an alert");
    }

    @Test
    void aClientHelloThatIsNotOneIsReportedAsTheServersFailureAtStep5() {
        run(Fault.replace(Handshakes.CLIENT_HELLO, "{}\n".getBytes(StandardCharsets.UTF_8)), Fault.NONE)
                .serverFailed(Failure.MALFORMED_MESSAGE);

        assertThat(server.steps()).containsExactly(Step.CLIENT_HELLO);
        assertThat(server.events.get(0).description()).startsWith("handshake failed: malformed message: ")
                .endsWith("; closed the connection without an alert");
    }

    /** The last event: the failure, at the step that was being attempted, with nothing but the alert's record. */
    private static void assertFailureReported(Recorder side, Step step, String description) {
        TraceEvent last = side.events.get(side.events.size() - 1);
        assertThat(last.step()).isEqualTo(step);
        assertThat(last.description()).isEqualTo(description);
        assertThat(last.values()).as("v1 has no alert, so no record").isEmpty();
        assertThat(side.events.stream().filter(event -> event.description().contains("failed"))).hasSize(1);
    }

    private static String text(TraceEvent event, String name) {
        TraceValue value = event.values().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
        assertThat(value.kind()).isEqualTo(TraceValue.Kind.TEXT);
        return value.asString();
    }

    private static byte[] valueNamed(TraceEvent event, String name) {
        return event.values().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow().value();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
