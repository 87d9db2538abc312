package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.transport.tls13.dissect.Field;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS 1.3 records in a trace, field by field: the demo over real sockets shows every record's header, the
 * protected ones decrypted with the nonce computation and the inner plaintext, and every handshake message's fields;
 * the JSON trace carries the same fields, and what the client sent is byte for byte what the server received. The
 * view is bounded, forgets a failed connection, and is only asked for by the trace printers.
 */
class Tls13RecordTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A warning close_notify alert in clear: a record the dissector reads alone. */
    private static final byte[] ALERT = {21, 3, 3, 0, 2, 1, 0};

    @TempDir
    Path dir;

    @Test
    void theTextTraceShowsEveryRecordFieldByFieldDecrypted() throws Exception {
        try (Subprocess demo = Subprocess.minitls(dir, "demo", "--protocol", "tls13", "--trace")) {
            assertThat(demo.awaitExit()).as(demo.printed()).isZero();
            String out = String.join("\n", demo.stdout());
            assertThat(out).contains("sent a TLS record of", "received a TLS record of",
                    "TLSPlaintext (", "legacy_record_version: 0x0303 TLS 1.2", "ClientHello (", "ServerHello (",
                    "cipher_suite: 0x1301 TLS_AES_128_GCM_SHA256", "KeyShareEntry (36 bytes): 0x001d x25519",
                    "host_name: \"example-server\"", "TLSCiphertext (", "tag: the AEAD's authentication tag",
                    "nonce: write_iv XOR the sequence number", "TLSInnerPlaintext (",
                    "EncryptedExtensions (", "Certificate (", "CertificateVerify (", "Finished (",
                    "application_data: 21 bytes: \"Hello from the client\"");
            assertThat(demo.stdout()).anySatisfy(row -> assertThat(row)
                    .matches("\\s+[0-9a-f]{4}\\s+([0-9a-f]{2} ){15}[0-9a-f]{2}\\s+key_exchange: the public key share"));
        }
    }

    @Test
    void theJsonTraceCarriesTheFieldsAndBothSidesSawTheSameBytes() throws Exception {
        try (Subprocess demo = Subprocess.minitls(dir, "demo", "--protocol", "tls13", "--trace=json")) {
            assertThat(demo.awaitExit()).as(demo.printed()).isZero();
            List<JsonNode> events = new ArrayList<>();
            for (String line : demo.stdout()) {
                events.add(JSON.readTree(line));
            }
            List<String> clientSent = wire(events, "client", "sent");
            List<String> serverSent = wire(events, "server", "sent");
            assertThat(clientSent).hasSizeGreaterThan(3).isEqualTo(wire(events, "server", "received"));
            assertThat(serverSent).hasSizeGreaterThan(3).isEqualTo(wire(events, "client", "received"));
            assertThat(events).filteredOn(event -> event.get("description").asText().startsWith("received a TLS"))
                    .anySatisfy(event -> assertThat(event.get("fields").toString())
                            .contains("\"name\":\"EncryptedExtensions\"", "\"name\":\"TLSInnerPlaintext\""));
        }
    }

    @Test
    void aDirectionIsShownFieldByFieldForItsFirstRecordsOnly() {
        RecordView view = new RecordView(narration -> { }, new InsecureTestCrypto());
        for (int i = 0; i < RecordView.MAX_RECORDS; i++) {
            assertThat(view.narrate(sent(ALERT)).fields()).extracting(Field::offset)
                    .containsExactly(i * ALERT.length);
        }
        assertThat(view.narrate(sent(ALERT)).fields()).isEmpty();
        assertThat(view.narrate(sent(ALERT)).description()).isEqualTo("sent a TLS record of 7 bytes");
    }

    @Test
    void eachRecordIsShownOnceAtItsOffsetInTheStreamAndAFailedConnectionIsForgotten() {
        RecordView view = new RecordView(narration -> { }, new InsecureTestCrypto());
        assertThat(view.narrate(sent(ALERT)).fields()).extracting(Field::offset).containsExactly(0);
        assertThat(view.narrate(sent(ALERT)).fields()).extracting(Field::offset).containsExactly(ALERT.length);
        assertThat(view.narrate(received(ALERT)).fields()).extracting(Field::offset).containsExactly(0);

        view.narrate(new TraceEvent(Side.CLIENT, "peer", new Event.HandshakeFailed(Step.SERVER_HELLO,
                Failure.UNEXPECTED_MESSAGE, "test", Optional.empty(), Optional.empty())));

        assertThat(view.narrate(sent(ALERT)).fields()).extracting(Field::offset).containsExactly(0);
    }

    @Test
    void onlyATraceWantsRecordsAndACombinedObserverWantsThemWhenOneDoes() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        HandshakeObserver steps = new StepPrinter(out);

        for (TraceFormat format : TraceFormat.values()) {
            try (Tracing tracing = Tracing.start(Optional.of(format), Optional.empty(), Side.CLIENT, steps, out, out,
                    Colour.OFF, new InsecureTestCrypto())) {
                assertThat(tracing.observer().wantsRecords()).as(format.name()).isTrue();
                assertThat(steps.andThen(tracing.observer()).wantsRecords()).isTrue();
            }
        }
        try (Tracing none = Tracing.start(Optional.empty(), Optional.empty(), Side.CLIENT, steps, out, out,
                Colour.OFF, new InsecureTestCrypto())) {
            assertThat(none.observer().wantsRecords()).isFalse();
        }
        assertThat(HandshakeObserver.NONE.wantsRecords()).isFalse();
        assertThat(steps.andThen(HandshakeObserver.NONE).wantsRecords()).isFalse();
    }

    private static TraceEvent sent(byte[] wire) {
        return new TraceEvent(Side.CLIENT, "peer", new Event.Tls13RecordSent(Step.APPLICATION_DATA, wire));
    }

    private static TraceEvent received(byte[] wire) {
        return new TraceEvent(Side.CLIENT, "peer", new Event.Tls13RecordReceived(Step.APPLICATION_DATA, wire));
    }

    /** The hex of each record {@code side} sent or received, in order, as the trace's fields show them. */
    private static List<String> wire(List<JsonNode> events, String side, String verb) {
        return events.stream().filter(event -> event.get("side").asText().equals(side)
                        && event.get("description").asText().startsWith(verb + " a TLS record"))
                .map(event -> event.get("fields").get(0).get("hex").asText()).toList();
    }
}
