package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.FIRST_CLIENT_RECORD;
import static dev.minitls.domain.handshake.Handshakes.FIRST_SERVER_RECORD;
import static dev.minitls.domain.handshake.Handshakes.flipBit;
import static dev.minitls.domain.handshake.V2Handshakes.ALERT;
import static dev.minitls.domain.handshake.V2Handshakes.APPLICATION_DATA;
import static dev.minitls.domain.handshake.V2Handshakes.CODEC;
import static dev.minitls.domain.handshake.V2Handshakes.HANDSHAKE;
import static dev.minitls.domain.handshake.V2Handshakes.alertLine;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static dev.minitls.domain.handshake.V2Handshakes.associatedData;
import static dev.minitls.domain.handshake.V2Handshakes.inner;
import static dev.minitls.domain.handshake.V2Handshakes.open;
import static dev.minitls.domain.handshake.V2Handshakes.receiveFails;
import static dev.minitls.domain.handshake.V2Handshakes.record;
import static dev.minitls.domain.handshake.V2Handshakes.seal;
import static dev.minitls.domain.handshake.V2Handshakes.withType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.V2Handshakes.Keys;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.port.Aead;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Fault;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A protocol v2 session after the handshake, both ways: a record changed, replayed, reordered, dropped, resealed
 * with other associated data or keys, or holding another content type ends it with its own failure and the sender
 * is told the alert; a connection closed without close_notify is truncated; close_notify ends it cleanly, each side
 * sending one.
 */
class V2SessionTest {

    private static final List<String> MESSAGES = List.of("one", "two", "three");

    private final Wire wire = new Wire();

    /** Which way the records under test go. */
    enum Direction {
        CLIENT_TO_SERVER(FIRST_CLIENT_RECORD, Keys.CLIENT_APPLICATION, Keys.CLIENT_HANDSHAKE),
        SERVER_TO_CLIENT(FIRST_SERVER_RECORD, Keys.SERVER_APPLICATION, Keys.SERVER_HANDSHAKE);

        private final int firstRecord;
        private final Keys keys;
        private final Keys handshakeKeys;

        Direction(int firstRecord, Keys keys, Keys handshakeKeys) {
            this.firstRecord = firstRecord;
            this.keys = keys;
            this.handshakeKeys = handshakeKeys;
        }

        Direction reverse() {
            return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
        }

        Handshakes.Run run(Wire wire, Fault fault) {
            return this == CLIENT_TO_SERVER ? wire.run(fault, Fault.NONE) : wire.run(Fault.NONE, fault);
        }

        SecureChannel sender(Handshakes.Run run) {
            return this == CLIENT_TO_SERVER ? run.clientConnected() : run.serverConnected();
        }

        SecureChannel receiver(Handshakes.Run run) {
            return this == CLIENT_TO_SERVER ? run.serverConnected() : run.clientConnected();
        }

        FakeTransport.Endpoint senderEnd(Handshakes.Run run) {
            return this == CLIENT_TO_SERVER ? run.transport().client() : run.transport().server();
        }

        FakeTransport.Endpoint receiverEnd(Handshakes.Run run) {
            return this == CLIENT_TO_SERVER ? run.transport().server() : run.transport().client();
        }

        /** The frames the sender sent after the handshake. */
        List<byte[]> sentAfterHandshake(Handshakes.Run run) {
            List<byte[]> sent = senderEnd(run).sentFrames();
            return sent.subList(firstRecord, sent.size());
        }
    }

    /** Where a fault strikes: the first record of a direction, seen on a wire. */
    record Target(Wire wire, Direction direction) {

        int first() {
            return direction.firstRecord;
        }

        /** Record {@code first} resealed under the direction's key with {@code make} of its number and plaintext. */
        Fault rewrite(V2Handshakes.Rewrite make) {
            return wire.rewrite(first(), direction.keys, make);
        }

        Fault reseal(UnaryOperator<byte[]> change) {
            return wire.reseal(first(), direction.keys, change);
        }
    }

    /** A fault, the messages that still arrive before it strikes, and the failure, its message and its alert. */
    record Case(String name, Function<Target, Fault> fault, int delivered, Failure failure, String message,
            Alert alert) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String FAILED_AUTHENTICATION = "record rejected: record 0 failed authentication";
    private static final String NO_CONTENT_TYPE = "unexpected message: record 0 has no valid content type";

    private static Stream<Case> faults() {
        return Stream.of(
                // tampered
                new Case("a ciphertext bit flipped", t -> Fault.alter(t.first(), frame -> CODEC.encode(
                        new ApplicationRecord(0, flipBit(record(frame).ciphertext(), 0)))),
                        0, Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION, Alert.BAD_RECORD_MAC),
                // out of sequence
                new Case("replayed", t -> Fault.duplicate(t.first()), 1, Failure.UNEXPECTED_SEQUENCE,
                        "record rejected: sequence number 0 where 1 was expected", Alert.BAD_RECORD_MAC),
                new Case("reordered", t -> Fault.swapWithNext(t.first()), 0, Failure.UNEXPECTED_SEQUENCE,
                        "record rejected: sequence number 1 where 0 was expected", Alert.BAD_RECORD_MAC),
                new Case("dropped", t -> Fault.drop(t.first()), 0, Failure.UNEXPECTED_SEQUENCE,
                        "record rejected: sequence number 1 where 0 was expected", Alert.BAD_RECORD_MAC),
                new Case("the second dropped", t -> Fault.drop(t.first() + 1), 1, Failure.UNEXPECTED_SEQUENCE,
                        "record rejected: sequence number 2 where 1 was expected", Alert.BAD_RECORD_MAC),
                // the number on the wire changed to the expected one: nonce and associated data still differ
                new Case("dropped, and the next one renumbered 0", t -> dropThenRenumber(t.first()),
                        0, Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION, Alert.BAD_RECORD_MAC),
                // the right nonce, other associated data
                new Case("resealed without associated data, as in v1", t -> t.rewrite((k, seq, inner) ->
                        seal(k, seq, new byte[0], inner)),
                        0, Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION, Alert.BAD_RECORD_MAC),
                new Case("resealed with the next number in its associated data", t -> t.rewrite((k, seq, inner) ->
                        seal(k, seq, associatedData(seq + 1, inner.length + Aead.TAG_LENGTH), inner)),
                        0, Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION, Alert.BAD_RECORD_MAC),
                new Case("resealed with another length in its associated data", t -> t.rewrite((k, seq, inner) ->
                        seal(k, seq, associatedData(seq, inner.length + Aead.TAG_LENGTH + 1), inner)),
                        0, Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION, Alert.BAD_RECORD_MAC),
                new Case("resealed with 0x16 for 0x17 in its associated data", t -> t.rewrite((k, seq, inner) -> {
                    byte[] aad = associatedData(seq, inner.length + Aead.TAG_LENGTH);
                    aad[0] = 0x16;
                    return seal(k, seq, aad, inner);
                }), 0, Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION, Alert.BAD_RECORD_MAC),
                // other keys
                new Case("resealed under the handshake key of its direction", t -> t.rewrite((k, seq, inner) ->
                        seal(t.wire().keys(t.direction().handshakeKeys), seq, inner)),
                        0, Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION, Alert.BAD_RECORD_MAC),
                new Case("resealed under the application key of the other direction", t -> t.rewrite(
                        (k, seq, inner) -> seal(t.wire().keys(t.direction().reverse().keys), seq, inner)),
                        0, Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION, Alert.BAD_RECORD_MAC),
                // other content types
                new Case("of unknown content type 0x42", t -> t.reseal(inner -> withType(inner, 0x42)),
                        0, Failure.UNEXPECTED_MESSAGE, NO_CONTENT_TYPE, Alert.UNEXPECTED_MESSAGE),
                new Case("with an empty plaintext", t -> t.reseal(inner -> new byte[0]),
                        0, Failure.UNEXPECTED_MESSAGE, NO_CONTENT_TYPE, Alert.UNEXPECTED_MESSAGE),
                new Case("with a plaintext of padding only", t -> t.reseal(inner -> new byte[inner.length]),
                        0, Failure.UNEXPECTED_MESSAGE, NO_CONTENT_TYPE, Alert.UNEXPECTED_MESSAGE),
                new Case("of unknown content type 0x42, then padding", t -> t.reseal(inner ->
                        Arrays.copyOf(withType(inner, 0x42), inner.length + 3)),
                        0, Failure.UNEXPECTED_MESSAGE, NO_CONTENT_TYPE, Alert.UNEXPECTED_MESSAGE),
                new Case("replaced by a handshake message", t -> t.reseal(inner ->
                        inner(CODEC.encode(new Finished(new byte[32])), HANDSHAKE)), 0, Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: got Finished after the handshake", Alert.UNEXPECTED_MESSAGE),
                new Case("replaced by an alert record holding a handshake message", t -> t.reseal(inner ->
                        inner(CODEC.encode(new Finished(new byte[32])), ALERT)), 0, Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: got Finished after the handshake", Alert.UNEXPECTED_MESSAGE),
                new Case("replaced by an alert line in a handshake record", t -> t.reseal(inner ->
                        inner(alertLine(Alert.CLOSE_NOTIFY), HANDSHAKE)), 0, Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: got Alert after the handshake", Alert.UNEXPECTED_MESSAGE),
                new Case("replaced by an alert record holding no alert", t -> t.reseal(inner -> withType(inner,
                        ALERT)), 0, Failure.MALFORMED_MESSAGE, "malformed message: no newline", Alert.DECODE_ERROR));
    }

    static Stream<Arguments> faultsBothWays() {
        return Arrays.stream(Direction.values()).flatMap(d -> faults().map(c -> Arguments.of(d, c)));
    }

    @ParameterizedTest(name = "{0}: first record {1}")
    @MethodSource("faultsBothWays")
    void aFaultyRecordEndsTheSessionAndTheSenderIsToldWhy(Direction direction, Case c) {
        Handshakes.Run run = direction.run(wire, c.fault().apply(new Target(wire, direction)));
        SecureChannel sender = direction.sender(run);
        MESSAGES.forEach(m -> sender.send(m.getBytes(StandardCharsets.UTF_8)));

        List<String> received = new ArrayList<>();
        ProtocolException failure = receiveUntilFailure(direction.receiver(run), received);

        assertThat(received).containsExactlyElementsOf(MESSAGES.subList(0, c.delivered()));
        assertThat(failure.failure()).isEqualTo(c.failure());
        assertThat(failure).hasMessage(c.message());
        assertThat(direction.receiverEnd(run).isClosed()).as("the receiver closed the connection").isTrue();
        assertToldOf(receiveFails(sender), c.alert());
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void aRecordResealedAsTheSpecificationSaysIsAccepted(Direction direction) {
        byte[] forged = "resealed".getBytes(StandardCharsets.UTF_8);
        Handshakes.Run run = direction.run(wire,
                new Target(wire, direction).reseal(inner -> inner(forged, APPLICATION_DATA)));
        direction.sender(run).send("sent".getBytes(StandardCharsets.UTF_8));

        assertThat(direction.receiver(run).receive()).as("the test's nonce and associated data are the protocol's")
                .hasValue(forged);
    }

    /** Zeros after the content type are padding (RFC 8446 section 5.4): the content is what comes before it. */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void aZeroPaddedRecordIsAcceptedWithoutItsPadding(Direction direction) {
        byte[] padded = Arrays.copyOf(inner("pad\0".getBytes(StandardCharsets.UTF_8), APPLICATION_DATA), 5 + 100);
        Handshakes.Run run = direction.run(wire, new Target(wire, direction).reseal(inner -> padded));
        direction.sender(run).send("sent".getBytes(StandardCharsets.UTF_8));

        assertThat(direction.receiver(run).receive()).as("the content keeps its own trailing zero")
                .hasValue("pad\0".getBytes(StandardCharsets.UTF_8));
    }

    /** Empty application data is a message of its own, as in TLS 1.3; it neither ends nor breaks the session. */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void emptyApplicationDataArrivesAsAnEmptyMessage(Direction direction) {
        Handshakes.Run run = direction.run(wire, Fault.NONE);
        direction.sender(run).send(new byte[0]);
        direction.sender(run).send("after".getBytes(StandardCharsets.UTF_8));
        SecureChannel receiver = direction.receiver(run);

        assertThat(open(wire.keys(direction.keys), direction.sentAfterHandshake(run).get(0)))
                .as("a record whose plaintext is the content type alone").containsExactly(APPLICATION_DATA);
        assertThat(receiver.receive()).hasValue(new byte[0]);
        assertThat(receiver.receive()).hasValue("after".getBytes(StandardCharsets.UTF_8));
    }

    private static ProtocolException receiveUntilFailure(SecureChannel receiver, List<String> received) {
        for (int i = 0; i <= MESSAGES.size(); i++) {
            try {
                Optional<byte[]> message = receiver.receive();
                assertThat(message).as("a record or a failure, not the end").isPresent();
                received.add(new String(message.get(), StandardCharsets.UTF_8));
            } catch (ProtocolException e) {
                return e;
            }
        }
        throw new AssertionError("every record arrived: " + received);
    }

    /** Drops record {@code first} and numbers the next one 0, so its number is the expected one. */
    private static Fault dropThenRenumber(int first) {
        return (index, frame) -> index == first ? List.of() : List.of(index == first + 1
                ? CODEC.encode(new ApplicationRecord(0, record(frame).ciphertext())) : frame);
    }

    // --- a connection closed without close_notify

    @ParameterizedTest
    @EnumSource(Direction.class)
    void aConnectionClosedWithoutCloseNotifyIsTruncated(Direction direction) {
        Handshakes.Run run = direction.run(wire, Fault.NONE);
        direction.sender(run).send("last words".getBytes(StandardCharsets.UTF_8));
        direction.senderEnd(run).close();
        SecureChannel receiver = direction.receiver(run);

        assertThat(receiver.receive()).hasValue("last words".getBytes(StandardCharsets.UTF_8));
        ProtocolException e = receiveFails(receiver);
        assertThat(e.failure()).isEqualTo(Failure.TRUNCATED);
        assertThat(e).hasMessage("connection truncated: "
                + "the peer closed the connection without close_notify");
        assertThat(direction.receiverEnd(run).isClosed()).isTrue();
        assertThat(direction.reverse().sentAfterHandshake(run)).as("nothing to a peer that is gone").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void aRecordCutOffIsTruncated(Direction direction) {
        Handshakes.Run run = direction.run(wire, Fault.truncate(direction.firstRecord, 10));
        direction.sender(run).send("cut".getBytes(StandardCharsets.UTF_8));

        ProtocolException e = receiveFails(direction.receiver(run));
        assertThat(e.failure()).isEqualTo(Failure.TRUNCATED);
        assertThat(e).hasMessage("connection truncated: "
                + "the peer closed in the middle of a frame");
        assertThat(direction.receiverEnd(run).isClosed()).isTrue();
    }

    @Test
    void inV1TheSameClosedConnectionEndsTheSessionCleanly() {
        Handshakes.Run run = Handshakes.run(Fault.NONE, Fault.NONE);
        run.transport().client().close();

        assertThat(run.serverConnected().receive()).isEmpty();
    }

    // --- close_notify

    /** Asserts that {@code frame} is record {@code sequence} under {@code keys}, holding close_notify. */
    private void assertCloseNotify(byte[] frame, Keys keys, long sequence) {
        assertThat(record(frame).sequence()).isEqualTo(sequence);
        assertThat(open(wire.keys(keys), frame)).isEqualTo(inner(alertLine(Alert.CLOSE_NOTIFY), ALERT));
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void closeSendsCloseNotifyAndThePeerAnswersWithItsOwn(Direction closing) {
        Handshakes.Run run = closing.run(wire, Fault.NONE);
        SecureChannel closer = closing.sender(run);
        SecureChannel peer = closing.receiver(run);

        closer.close();
        closer.close();

        assertThat(closing.senderEnd(run).isClosed()).isTrue();
        assertThat(closing.sentAfterHandshake(run)).as("one close_notify, however often closed").hasSize(1);
        assertCloseNotify(closing.sentAfterHandshake(run).get(0), closing.keys, 0);
        assertThat(peer.receive()).as("a clean end").isEmpty();
        assertThat(closing.reverse().sentAfterHandshake(run)).as("the peer's own close_notify").hasSize(1);
        assertCloseNotify(closing.reverse().sentAfterHandshake(run).get(0), closing.reverse().keys, 0);
        assertThat(closing.receiverEnd(run).isClosed()).isTrue();
        assertThatThrownBy(() -> peer.send("late".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessage("this channel is closed for sending");
    }

    @Test
    void closeOutboundStillReceivesTheEchoAndThenThePeersCloseNotify() {
        Handshakes.Run run = wire.run(Fault.NONE, Fault.NONE);
        SecureChannel client = run.clientConnected();
        SecureChannel server = run.serverConnected();

        client.send("ping".getBytes(StandardCharsets.UTF_8));
        client.closeOutbound();
        assertThatThrownBy(() -> client.send("late".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessage("this channel is closed for sending");
        assertThat(run.transport().client().isClosed()).as("still receiving").isFalse();

        assertThat(server.receive()).hasValue("ping".getBytes(StandardCharsets.UTF_8));
        server.send("echo: ping".getBytes(StandardCharsets.UTF_8));
        server.close();

        assertThat(client.receive()).hasValue("echo: ping".getBytes(StandardCharsets.UTF_8));
        assertThat(client.receive()).isEmpty();
        assertThat(run.transport().client().isClosed()).isTrue();
        List<byte[]> fromClient = Direction.CLIENT_TO_SERVER.sentAfterHandshake(run);
        List<byte[]> fromServer = Direction.SERVER_TO_CLIENT.sentAfterHandshake(run);
        assertThat(fromClient).as("ping, close_notify").hasSize(2);
        assertCloseNotify(fromClient.get(1), Keys.CLIENT_APPLICATION, 1);
        assertThat(fromServer).as("echo, close_notify: no second one after the client's").hasSize(2);
        assertCloseNotify(fromServer.get(1), Keys.SERVER_APPLICATION, 1);
    }

    /**
     * Once both sides have their keys an alert in clear can only be forged: it is refused, not reported as the
     * peer's. (Before, it is how a side that failed without keys speaks: {@link NegotiationTest}.)
     */
    @Test
    void aCloseNotifyInClearAfterTheHandshakeIsRefused() {
        Handshakes.Run run = wire.run(Fault.NONE, Fault.NONE);
        run.transport().server().deliver(alertLine(Alert.CLOSE_NOTIFY));

        ProtocolException e = receiveFails(run.serverConnected());
        assertThat(e.failure()).as("%s", e.getMessage()).isEqualTo(Failure.UNEXPECTED_MESSAGE);
        assertThat(e).hasMessage("unexpected message: expected an encrypted record, got Alert");
    }
}
