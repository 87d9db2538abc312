package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.CODEC;
import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;
import static dev.minitls.domain.handshake.Handshakes.expectedKeys;
import static dev.minitls.domain.handshake.Handshakes.frame;
import static dev.minitls.domain.handshake.Handshakes.sha256;
import static dev.minitls.domain.handshake.Handshakes.sharedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.keys.V1Keys;
import dev.minitls.domain.message.CertificateMessage;
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
                Step.SHARED_SECRET, Step.HANDSHAKE_KEY, Step.CERTIFICATE, Step.VERIFY_CERTIFICATE,
                Step.VERIFY_CERTIFICATE_VERIFY, Step.FINISHED, Step.FINISHED, Step.APPLICATION_DATA);
        assertThat(server.steps()).containsExactly(Step.CLIENT_HELLO, Step.SERVER_HELLO, Step.SHARED_SECRET,
                Step.HANDSHAKE_KEY, Step.CERTIFICATE, Step.CERTIFICATE_VERIFY, Step.FINISHED, Step.FINISHED,
                Step.APPLICATION_DATA);
        assertThat(client.events).extracting(TraceEvent::side).containsOnly(Side.CLIENT);
        assertThat(server.events).extracting(TraceEvent::side).containsOnly(Side.SERVER);
        assertThat(Stream.concat(client.steps().stream(), server.steps().stream()).map(Step::number).distinct())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(5, 15).boxed().toList());
    }

    @Test
    void reportedTranscriptHashesAreThoseOfTheFramesOnTheWire() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        run.clientConnected();
        byte[] clientHello = run.sentByClient().get(CLIENT_HELLO);
        List<byte[]> server = run.sentByServer();

        assertThat(client.first(Step.TRANSCRIPT).values()).singleElement()
                .satisfies(v -> assertThat(v.value()).isEqualTo(sha256(List.of(clientHello))));
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
                    "client_app_key", "client_app_iv", "server_app_key", "server_app_iv");
            assertThat(secrets).extracting(TraceValue::value).containsExactly(sharedSecret(),
                    keys.derivedKey().bytes(), keys.clientToServer().key().bytes(), keys.clientToServer().iv().bytes(),
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
    void applicationDataIsReportedByItsSizeOnly() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        run.clientConnected().send("hello".getBytes(StandardCharsets.UTF_8));
        run.serverConnected().receive();

        TraceEvent sent = client.events.get(client.events.size() - 1);
        TraceEvent received = server.events.get(server.events.size() - 1);
        assertThat(sent).isEqualTo(new TraceEvent(Side.CLIENT, Step.APPLICATION_DATA,
                "sent 5 bytes of application data", List.of()));
        assertThat(received).isEqualTo(new TraceEvent(Side.SERVER, Step.APPLICATION_DATA,
                "received 5 bytes of application data", List.of()));
    }

    @Test
    void aCheckThatFailsIsNotReportedAsPassed() {
        byte[] expired = PKI.serverBuilder().validity(TestCertificates.NOT_BEFORE, TestCertificates.NOW.minusSeconds(1))
                .build();
        run(Fault.NONE, Fault.replace(CERTIFICATE, frame(new CertificateMessage(expired))))
                .clientFailed(Failure.CERTIFICATE_EXPIRED);

        assertThat(client.steps()).endsWith(Step.CERTIFICATE).doesNotContain(Step.VERIFY_CERTIFICATE);
    }

    @Test
    void aSignatureThatFailsIsNotReportedAsVerified() {
        run(Fault.NONE, Fault.replace(CERTIFICATE_VERIFY, frame(new CertificateVerify(new byte[64]))))
                .clientFailed(Failure.BAD_SIGNATURE);

        assertThat(client.steps()).endsWith(Step.VERIFY_CERTIFICATE).doesNotContain(Step.VERIFY_CERTIFICATE_VERIFY);
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
