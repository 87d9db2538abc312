package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.FIRST_CLIENT_RECORD;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.bytes;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static dev.minitls.domain.handshake.V2Handshakes.receiveFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.record.LimitedRecords;
import dev.minitls.domain.record.RecordFormat;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records after the handshake, in both protocols: a bit flipped at every position of the ciphertext and its tag, a
 * record numbered at the end of the sequence space, one too large in v2, a sender that reaches the record limit of
 * its key in v1, and a record that cannot be sent. (Replayed, reordered, dropped, cut and empty records:
 * {@link SecureChannelTest}, {@link V2SessionTest}.)
 */
class RecordTamperTest {

    private static final byte[] MESSAGE = "hello".getBytes(StandardCharsets.UTF_8);

    /** The ciphertext and tag of {@link #MESSAGE}: v2 adds the content-type byte. */
    private static int ciphertextLength(ProtocolVersion protocol) {
        return MESSAGE.length + (protocol == ProtocolVersion.V2 ? 1 : 0) + Aead.TAG_LENGTH;
    }

    static Stream<Arguments> everyPosition() {
        return ProtocolVersion.jsonLinesProtocols().stream().flatMap(protocol -> IntStream
                .range(0, ciphertextLength(protocol))
                .mapToObj(i -> Arguments.of(protocol, i)));
    }

    @ParameterizedTest(name = "{0}: bit {1} % 8 of byte {1}")
    @MethodSource("everyPosition")
    void aBitFlippedAnywhereInTheCiphertextOrTagIsRefused(ProtocolVersion protocol, int position) {
        TestCodec codec = protocol == ProtocolVersion.V1 ? TestCodec.V1 : TestCodec.V2;
        Fault flip = Fault.alter(FIRST_CLIENT_RECORD, frame -> {
            ApplicationRecord record = (ApplicationRecord) codec.decode(frame, MessageType.APPLICATION_RECORD);
            assertThat(record.ciphertext()).hasSize(ciphertextLength(protocol));
            byte[] ciphertext = record.ciphertext();
            ciphertext[position] ^= (byte) (1 << (position % 8));
            return codec.encode(new ApplicationRecord(record.sequence(), ciphertext));
        });
        Handshakes.Run run = run(protocol, flip);
        run.clientConnected().send(MESSAGE);

        ProtocolException e = receiveFails(run.serverConnected());
        assertThat(e.failure()).isEqualTo(Failure.BAD_RECORD_MAC);
        assertThat(e).hasMessage("record rejected: record 0 failed authentication");
        assertThat(run.transport().server().isClosed()).isTrue();
        assertPeerToldOrClosed(protocol, run.clientConnected(), Alert.BAD_RECORD_MAC);
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void aRecordNumberedAtTheEndOfTheSequenceSpaceIsRefused(ProtocolVersion protocol) {
        TestCodec codec = protocol == ProtocolVersion.V1 ? TestCodec.V1 : TestCodec.V2;
        Handshakes.Run run = run(protocol, Fault.alter(FIRST_CLIENT_RECORD, frame -> codec.encode(new ApplicationRecord(
                Long.MAX_VALUE, ((ApplicationRecord) codec.decode(frame, MessageType.APPLICATION_RECORD)).ciphertext()))));
        run.clientConnected().send(MESSAGE);

        ProtocolException e = receiveFails(run.serverConnected());
        assertThat(e.failure()).isEqualTo(Failure.UNEXPECTED_SEQUENCE);
        assertThat(e).hasMessage("record rejected: sequence number 9223372036854775807 where 0 was expected");
        assertPeerToldOrClosed(protocol, run.clientConnected(), Alert.BAD_RECORD_MAC);
    }

    @Test
    void aV2RecordOverTheLimitIsRefusedBeforeDecryption() {
        Handshakes.Run run = run(ProtocolVersion.V2, Fault.NONE);
        int tooLong = RecordLimits.MAX_PLAINTEXT + 1 + Aead.TAG_LENGTH + 1;
        run.transport().server().deliver(TestCodec.V2.encode(new ApplicationRecord(0, new byte[tooLong])));

        ProtocolException e = receiveFails(run.serverConnected());
        assertThat(e.failure()).isEqualTo(Failure.RECORD_OVERFLOW);
        assertThat(e).hasMessage("record too large: ciphertext of 16402 bytes; at most 16401 allowed");
        assertToldOf(receiveFails(run.clientConnected()), Alert.RECORD_OVERFLOW);
    }

    @Test
    void aV1SenderAtTheRecordLimitStopsAndTheReceiverKeepsWhatCameBefore() {
        FakeTransport transport = FakeTransport.pair();
        SecureChannel client = Sessions.channel(transport.client(), PolicyV1.INSTANCE, Side.CLIENT,
                LimitedRecords.sealer(CRYPTO, Sessions.CLIENT_TO_SERVER, RecordFormat.V1, 2),
                new RecordOpener(CRYPTO, Sessions.SERVER_TO_CLIENT, RecordFormat.V1));
        SecureChannel server = Sessions.channel(transport.server(), PolicyV1.INSTANCE, Side.SERVER);

        client.send(bytes("one"));
        client.send(bytes("two"));
        assertThatThrownBy(() -> client.send(bytes("three"))).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.SEQUENCE_EXHAUSTED);
            assertThat(e).hasMessage("too many records under one key: "
                    + "sent 2 records under one key; the connection must close");
        });

        assertThat(transport.client().isClosed()).isTrue();
        assertThat(server.receive()).hasValue(bytes("one"));
        assertThat(server.receive()).hasValue(bytes("two"));
        assertThat(server.receive()).as("v1 has no close_notify: the connection just ends").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void aRecordThatCannotBeSentEndsTheConnection(ProtocolVersion protocol) {
        FailingSends connection = new FailingSends();
        SecureChannel client = Sessions.channel(connection, VersionPolicy.of(protocol), Side.CLIENT);

        assertThatThrownBy(() -> client.send(MESSAGE)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.IO_ERROR));
        assertThat(connection.closed).as("the connection is closed").isTrue();
    }

    /** A connection whose sends fail, as a socket's do once the peer is gone. */
    private static final class FailingSends implements FrameChannel {
        private boolean closed;

        @Override
        public void send(byte[] frame) {
            throw new ProtocolException(Failure.IO_ERROR, "send failed: Broken pipe");
        }

        @Override
        public byte[] receive() {
            throw new ProtocolException(Failure.PEER_CLOSED, "end of stream");
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String peer() {
            return "gone";
        }
    }

    private static Handshakes.Run run(ProtocolVersion protocol, Fault clientToServer) {
        return new Wire().run(Handshakes.clientConfig(protocol, PKI.root(), HandshakeObserver.NONE),
                Handshakes.serverConfig(), clientToServer, Fault.NONE);
    }

    /** In v2 the sender is told {@code alert}; in v1, which has none, it sees the connection end. */
    private static void assertPeerToldOrClosed(ProtocolVersion protocol, SecureChannel peer, Alert alert) {
        if (protocol == ProtocolVersion.V2) {
            assertToldOf(receiveFails(peer), alert);
        } else {
            assertThat(peer.receive()).isEmpty();
        }
    }
}
