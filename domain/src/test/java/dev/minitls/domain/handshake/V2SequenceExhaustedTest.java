package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.bytes;
import static dev.minitls.domain.handshake.Sessions.CLIENT_TO_SERVER;
import static dev.minitls.domain.handshake.Sessions.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.record.LimitedRecords;
import dev.minitls.domain.record.RecordFormat;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trace.Side;
import dev.minitls.testing.FakeTransport;
import org.junit.jupiter.api.Test;

/**
 * A v2 sender that reaches the record limit of its key closes the session with close_notify (the last record the
 * key may seal) and reports SEQUENCE_EXHAUSTED; the receiver sees a clean end. The channels are built on a limit of
 * 3 records instead of 2^24. A receiver refuses a record beyond the limit, as a record out of sequence.
 */
class V2SequenceExhaustedTest {

    private static final long LIMIT = 3;

    @Test
    void aSenderAtTheRecordLimitClosesWithCloseNotify() {
        FakeTransport transport = FakeTransport.pair();
        SecureChannel client = Sessions.channel(transport.client(), PolicyV2.INSTANCE, Side.CLIENT,
                LimitedRecords.sealer(CRYPTO, CLIENT_TO_SERVER, RecordFormat.V2, LIMIT),
                new RecordOpener(CRYPTO, SERVER_TO_CLIENT, RecordFormat.V2));
        SecureChannel server = Sessions.channel(transport.server(), PolicyV2.INSTANCE, Side.SERVER);

        client.send(bytes("one"));
        client.send(bytes("two"));
        assertThatThrownBy(() -> client.send(bytes("three"))).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.SEQUENCE_EXHAUSTED);
            assertThat(e).hasMessage("too many records under one key: "
                    + "no records left under this key; the session was closed with close_notify");
        });

        assertThat(transport.client().isClosed()).isTrue();
        assertThat(transport.client().sentFrames()).as("two records and close_notify").hasSize((int) LIMIT);
        assertThat(server.receive()).hasValue(bytes("one"));
        assertThat(server.receive()).hasValue(bytes("two"));
        assertThat(server.receive()).as("a clean end").isEmpty();
    }

    @Test
    void aReceiverRefusesARecordBeyondTheLimitAndTellsTheSender() {
        FakeTransport transport = FakeTransport.pair();
        // A sender that ignores the limit: one data record more than the receiver allows, and its close_notify.
        SecureChannel client = Sessions.channel(transport.client(), PolicyV2.INSTANCE, Side.CLIENT,
                LimitedRecords.sealer(CRYPTO, CLIENT_TO_SERVER, RecordFormat.V2, LIMIT + 2),
                new RecordOpener(CRYPTO, SERVER_TO_CLIENT, RecordFormat.V2));
        SecureChannel server = Sessions.channel(transport.server(), PolicyV2.INSTANCE, Side.SERVER,
                new RecordSealer(CRYPTO, SERVER_TO_CLIENT, RecordFormat.V2),
                LimitedRecords.opener(CRYPTO, CLIENT_TO_SERVER, RecordFormat.V2, LIMIT));
        for (int i = 0; i <= LIMIT; i++) {
            client.send(bytes("record " + i));
        }

        for (int i = 0; i < LIMIT; i++) {
            assertThat(server.receive()).hasValue(bytes("record " + i));
        }
        ProtocolException beyond = V2Handshakes.receiveFails(server);
        assertThat(beyond.failure()).isEqualTo(Failure.UNEXPECTED_SEQUENCE);
        assertThat(beyond).hasMessage("record rejected: record 3 is beyond the limit of 3 records under one key");
        V2Handshakes.assertToldOf(V2Handshakes.receiveFails(client), Alert.BAD_RECORD_MAC);
    }
}
