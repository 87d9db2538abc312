package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CLIENT_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.bytes;
import static dev.minitls.domain.handshake.V2Handshakes.nonce;
import static dev.minitls.domain.handshake.V2Handshakes.open;
import static dev.minitls.domain.handshake.V2Handshakes.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.handshake.ObserverTest.Recorder;
import dev.minitls.domain.handshake.V2Handshakes.Keys;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.Event;
import dev.minitls.testing.FakeTransport.Fault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a protocol v2 trace shows: the TLS 1.3 secrets by their RFC 8446 names, the same on both sides and equal to
 * those the test derives from the wire; and every record, as sent and as received, with its sequence number, nonce,
 * ciphertext and plaintext exactly as they are on the wire.
 */
class V2TraceTest {

    private static final List<String> SECRETS = List.of("shared secret", "early_secret", "handshake_secret",
            "client_handshake_traffic_secret", "client_handshake_key", "client_handshake_iv", "client_finished_key",
            "server_handshake_traffic_secret", "server_handshake_key", "server_handshake_iv", "server_finished_key",
            "master_secret", "client_application_traffic_secret_0", "client_application_key",
            "client_application_iv", "server_application_traffic_secret_0", "server_application_key",
            "server_application_iv");

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
    void bothSidesTraceTheSameSecretsByTheirRfc8446NamesAndTheyAreTheOnesOfTheWire() {
        Map<String, String> clientSecrets = secrets(client);
        Map<String, String> serverSecrets = secrets(server);

        assertThat(client.first(Event.SecretsDerived.class).secrets().keySet()).as("TLS 1.3's key schedule")
                .extracting(SecretLabel::schedule).containsOnly(SecretLabel.Schedule.TLS13);
        assertThat(clientSecrets.keySet()).containsExactlyElementsOf(SECRETS);
        assertThat(serverSecrets).isEqualTo(clientSecrets);
        assertThat(clientSecrets).containsEntry("shared secret", Bytes.hex(Handshakes.sharedSecret()))
                .containsEntry("client_finished_key", Bytes.hex(wire.clientFinishedKey().bytes()))
                .containsEntry("server_finished_key", Bytes.hex(wire.serverFinishedKey().bytes()));
        for (Keys keys : Keys.values()) {
            String prefix = keys.name().toLowerCase(java.util.Locale.ROOT);
            assertThat(clientSecrets).as("%s", keys)
                    .containsEntry(prefix + "_key", Bytes.hex(wire.keys(keys).key().bytes()))
                    .containsEntry(prefix + "_iv", Bytes.hex(wire.keys(keys).iv().bytes()));
        }
    }

    @Test
    void everyRecordIsTracedBySenderAndReceiverAsItIsOnTheWire() {
        run.clientConnected().send(bytes("ping"));
        assertThat(run.serverConnected().receive()).hasValue(bytes("ping"));
        run.serverConnected().send(bytes("pong"));
        assertThat(run.clientConnected().receive()).hasValue(bytes("pong"));
        run.clientConnected().closeOutbound();
        assertThat(run.serverConnected().receive()).as("close_notify").isEmpty();
        assertThat(run.clientConnected().receive()).as("the server's close_notify").isEmpty();

        List<String> onTheWire = new ArrayList<>();
        List<byte[]> fromServer = wire.fromServer();
        for (int n = 1; n < fromServer.size(); n++) {
            onTheWire.add(expected(fromServer.get(n), n <= SERVER_FINISHED ? Keys.SERVER_HANDSHAKE
                    : Keys.SERVER_APPLICATION));
        }
        List<byte[]> fromClient = wire.fromClient();
        for (int n = 1; n < fromClient.size(); n++) {
            onTheWire.add(expected(fromClient.get(n), n == CLIENT_FINISHED ? Keys.CLIENT_HANDSHAKE
                    : Keys.CLIENT_APPLICATION));
        }

        assertThat(onTheWire).as("3 server handshake records, the client's Finished, 2 records of data and 2"
                + " close_notify").hasSize(8);
        assertThat(records(client)).containsExactlyInAnyOrderElementsOf(onTheWire);
        assertThat(records(server)).containsExactlyInAnyOrderElementsOf(onTheWire);
    }

    /** A record frame as the test reads it: {@code seq nonce ciphertext plaintext}, the plaintext opened here. */
    private String expected(byte[] frame, Keys keys) {
        TrafficKeys trafficKeys = wire.keys(keys);
        ApplicationRecord record = record(frame);
        return String.join(" ", Long.toString(record.sequence()), Bytes.hex(nonce(trafficKeys, record.sequence())),
                Bytes.hex(record.ciphertext()), Bytes.hex(open(trafficKeys, frame)));
    }

    /** Every record a side traced, in the form of {@link #expected}. */
    private static List<String> records(Recorder side) {
        return side.records().stream().map(record -> String.join(" ", Long.toString(record.sequence()),
                Bytes.hex(record.nonce().bytes()), Bytes.hex(record.ciphertext()), Bytes.hex(record.plaintext())))
                .toList();
    }

    /** The secrets a side traced, by name, in hex. */
    private static Map<String, String> secrets(Recorder side) {
        Map<String, String> secrets = new LinkedHashMap<>();
        side.secrets().forEach((name, secret) -> secrets.put(name, Bytes.hex(secret.bytes())));
        return secrets;
    }
}
