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
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.keys.V1Keys;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TracedRecord;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

        TraceEvent first(Step step) {
            return events.stream().filter(e -> e.step() == step).findFirst().orElseThrow();
        }

        /** Every event of {@code type}, in order. */
        <T extends Event> List<T> all(Class<T> type) {
            return events.stream().map(TraceEvent::event).filter(type::isInstance).map(type::cast).toList();
        }

        <T extends Event> T first(Class<T> type) {
            return all(type).get(0);
        }

        /** The shared secret, then every secret derived, by their protocol names, in the order they were told. */
        Map<String, Secret> secrets() {
            Map<String, Secret> secrets = new LinkedHashMap<>();
            for (TraceEvent traced : events) {
                if (traced.event() instanceof Event.SharedSecretAgreed agreed) {
                    secrets.put("shared secret", agreed.sharedSecret());
                }
                if (traced.event() instanceof Event.SecretsDerived derived) {
                    derived.secrets().forEach((label, secret) -> assertThat(
                            secrets.put(label.name().toLowerCase(Locale.ROOT), secret)).as("%s told once", label)
                            .isNull());
                }
            }
            return secrets;
        }

        /** Every record an event carried, in order. */
        List<TracedRecord> records() {
            return events.stream().flatMap(e -> record(e.event()).stream()).toList();
        }

        /** The record an event carries, if it has one. */
        static Optional<TracedRecord> record(Event event) {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                Object value;
                try {
                    value = component.getAccessor().invoke(event);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                if (value instanceof TracedRecord record) {
                    return Optional.of(record);
                }
                if (value instanceof Optional<?> optional && optional.orElse(null) instanceof TracedRecord record) {
                    return Optional.of(record);
                }
            }
            return Optional.empty();
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
        assertThat(client.first(Event.SecretsDerived.class).secrets().keySet()).as("v1's own key schedule")
                .extracting(SecretLabel::schedule).containsOnly(SecretLabel.Schedule.MINITLS_V1);
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
        List<MessageType> messages = List.of(MessageType.CLIENT_HELLO, MessageType.SERVER_HELLO,
                MessageType.CERTIFICATE, MessageType.CERTIFICATE_VERIFY, MessageType.FINISHED, MessageType.FINISHED);
        List<Side> senders = List.of(Side.CLIENT, Side.SERVER, Side.SERVER, Side.SERVER, Side.SERVER, Side.CLIENT);

        for (Recorder side : List.of(client, this.server)) {
            List<Event.TranscriptUpdated> transcripts = side.all(Event.TranscriptUpdated.class);
            assertThat(transcripts).hasSize(wire.size());
            for (int i = 0; i < wire.size(); i++) {
                assertThat(transcripts.get(i).type()).isEqualTo(messages.get(i));
                assertThat(transcripts.get(i).sender()).isEqualTo(senders.get(i));
                assertThat(transcripts.get(i).transcriptHash())
                        .as("after %s", messages.get(i)).isEqualTo(sha256(wire.subList(0, i + 1)));
            }
        }
        assertThat(this.server.first(Event.TranscriptSigned.class).signedContent())
                .isEqualTo(sha256(List.of(clientHello, server.get(SERVER_HELLO), server.get(CERTIFICATE))));
        assertThat(this.server.first(Event.TranscriptSigned.class).signature())
                .isEqualTo(((CertificateVerify) CODEC.decode(server.get(CERTIFICATE_VERIFY),
                        MessageType.CERTIFICATE_VERIFY)).signature());
    }

    @Test
    void theSecretsToldAreExactlyTheSharedSecretAndTheKeysDerivedFromIt() {
        run(Fault.NONE, Fault.NONE).clientConnected();
        V1Keys keys = expectedKeys();

        for (Recorder side : List.of(client, server)) {
            Map<String, Secret> secrets = side.secrets();
            assertThat(secrets.keySet()).containsExactly("shared secret", "derived_key",
                    "finished_key_server", "finished_key_client", "client_app_key", "client_app_iv",
                    "server_app_key", "server_app_iv");
            assertThat(secrets.values()).extracting(Secret::bytes).containsExactly(sharedSecret(),
                    keys.derivedKey().bytes(), keys.serverFinishedKey().bytes(), keys.clientFinishedKey().bytes(),
                    keys.clientToServer().key().bytes(), keys.clientToServer().iv().bytes(),
                    keys.serverToClient().key().bytes(), keys.serverToClient().iv().bytes());
        }
    }

    @Test
    void noOpenValueOrTextHoldsKeyMaterial() {
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
        List<Object> open = new ArrayList<>();
        all.forEach(event -> openValues(event.event(), open));
        assertThat(open).as("random, key shares, hashes, certificates, MACs, records...").hasSizeGreaterThan(50);
        for (Object value : open) {
            for (byte[] secret : keyMaterial) {
                assertThat(value instanceof byte[] bytes ? contains(bytes, secret)
                        : value.toString().contains(Bytes.hex(secret))).as("an open value holds key material")
                        .isFalse();
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

        List<Event.DataSent> sent = client.all(Event.DataSent.class);
        List<Event.DataReceived> received = server.all(Event.DataReceived.class);
        assertThat(sent).hasSize(2);
        assertThat(received).hasSize(2);
        assertThat(client.events.subList(client.events.size() - 2, client.events.size()))
                .extracting(TraceEvent::event).containsExactlyElementsOf(sent);
        for (int seq = 0; seq < 2; seq++) {
            ApplicationRecord onTheWire = (ApplicationRecord) CODEC.decode(
                    run.sentByClient().get(FIRST_CLIENT_RECORD + seq), MessageType.APPLICATION_RECORD);
            byte[] nonce = iv.clone();
            nonce[nonce.length - 1] ^= (byte) seq;
            for (TracedRecord record : List.of(sent.get(seq).record(), received.get(seq).record())) {
                assertThat(record.sequence()).isEqualTo(seq);
                assertThat(record.nonce().bytes()).isEqualTo(nonce);
                assertThat(record.ciphertext()).isEqualTo(onTheWire.ciphertext());
                assertThat(record.plaintext()).isEqualTo(hello);
            }
            assertThat(sent.get(seq).step()).isEqualTo(Step.APPLICATION_DATA);
            assertThat(sent.get(seq).length()).isEqualTo(5);
            assertThat(received.get(seq).length()).isEqualTo(5);
        }
    }

    @Test
    void theClientReportsTheCertificateItReceivedAndTheServerTheOneItSent() {
        run(Fault.NONE, Fault.NONE).clientConnected();
        Event.CertificateReceived certificate = client.first(Event.CertificateReceived.class);

        assertThat(certificate.pem()).isEqualTo(PKI.serverPem());
        assertThat(this.server.first(Event.CertificateSent.class).pem()).isEqualTo(PKI.serverPem());
        Certificate parsed = PKI.server();
        assertThat(certificate.certificate().subjectText()).isEqualTo(parsed.subjectText());
        assertThat(certificate.certificate().issuerText()).isEqualTo(parsed.issuerText());
        assertThat(certificate.certificate().notAfter()).isEqualTo(parsed.notAfter());
        assertThat(certificate.certificate().publicKey()).isEqualTo(parsed.publicKey());
        assertThat(certificate.certificate().signature()).isEqualTo(parsed.signature());
        Event.CertificateChecked checked = client.first(Event.CertificateChecked.class);
        assertThat(checked.certificate()).isSameAs(certificate.certificate());
        assertThat(checked.trustedRoot().publicKey()).isEqualTo(PKI.root().publicKey());
        assertThat(checked.serverName()).isEqualTo(TestCertificates.SERVER_NAME);
    }

    @Test
    void aCheckThatFailsIsNotReportedAsPassed() {
        byte[] expired = PKI.serverBuilder().validity(TestCertificates.NOT_BEFORE, TestCertificates.NOW.minusSeconds(1))
                .build();
        ProtocolException e = run(Fault.NONE, Fault.replace(CERTIFICATE, frame(new CertificateMessage(expired))))
                .clientFailed(Failure.CERTIFICATE_EXPIRED);

        assertThat(client.steps()).endsWith(Step.CERTIFICATE, Step.VERIFY_CERTIFICATE);
        assertFailureReported(client, Step.VERIFY_CERTIFICATE, e);
    }

    @Test
    void aSignatureThatFailsIsNotReportedAsVerified() {
        ProtocolException e = run(Fault.NONE,
                Fault.replace(CERTIFICATE_VERIFY, frame(new CertificateVerify(new byte[64]))))
                .clientFailed(Failure.BAD_SIGNATURE);

        assertThat(client.steps()).endsWith(Step.VERIFY_CERTIFICATE, Step.TRANSCRIPT, Step.VERIFY_CERTIFICATE_VERIFY);
        assertFailureReported(client, Step.VERIFY_CERTIFICATE_VERIFY, e);
    }

    @Test
    void aClientHelloThatIsNotOneIsReportedAsTheServersFailureAtStep5() {
        ProtocolException e = run(Fault.replace(Handshakes.CLIENT_HELLO, "{}\n".getBytes(StandardCharsets.UTF_8)),
                Fault.NONE).serverFailed(Failure.MALFORMED_MESSAGE);

        assertThat(server.steps()).containsExactly(Step.CLIENT_HELLO);
        assertFailureReported(server, Step.CLIENT_HELLO, e);
        assertThat(server.first(Event.HandshakeFailed.class).reason()).startsWith("malformed message: ");
    }

    /** The last event: the failure, at the step that was being attempted, why, and no alert (v1 has none). */
    private static void assertFailureReported(Recorder side, Step step, ProtocolException e) {
        TraceEvent last = side.events.get(side.events.size() - 1);
        assertThat(last.event()).isEqualTo(new Event.HandshakeFailed(step, e.failure(), e.getMessage(),
                Optional.empty(), Optional.empty()));
        assertThat(side.all(Event.HandshakeFailed.class)).hasSize(1);
    }

    /** Every open value inside {@code value}: bytes and text, not {@link Secret}s. */
    private static void openValues(Object value, List<Object> open) {
        if (value instanceof byte[] || value instanceof String) {
            open.add(value);
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    openValues(component.getAccessor().invoke(record), open);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(inner -> openValues(inner, open));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(inner -> openValues(inner, open));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(inner -> openValues(inner, open));
        }
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
