package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.FIRST_CLIENT_RECORD;
import static dev.minitls.domain.handshake.Handshakes.FIRST_SERVER_RECORD;
import static dev.minitls.domain.handshake.Handshakes.flipBit;
import static dev.minitls.domain.handshake.Handshakes.frame;
import static dev.minitls.domain.handshake.Handshakes.rewriteRecord;
import static dev.minitls.domain.handshake.Handshakes.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Fault;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records after a good handshake: they go both ways in order; a record changed, repeated, lost, reordered or too
 * large ends the connection with its own failure, and the channel is closed after it.
 */
class SecureChannelTest {

    private static final List<String> MESSAGES = List.of("one", "two", "three");

    /** Which way the records under test go. */
    enum Direction {
        CLIENT_TO_SERVER(FIRST_CLIENT_RECORD), SERVER_TO_CLIENT(FIRST_SERVER_RECORD);

        private final int firstRecord;

        Direction(int firstRecord) {
            this.firstRecord = firstRecord;
        }

        Handshakes.Run run(Fault fault) {
            return this == CLIENT_TO_SERVER ? Handshakes.run(fault, Fault.NONE) : Handshakes.run(Fault.NONE, fault);
        }

        SecureChannel sender(Handshakes.Run run) {
            return this == CLIENT_TO_SERVER ? run.clientConnected() : run.serverConnected();
        }

        SecureChannel receiver(Handshakes.Run run) {
            return this == CLIENT_TO_SERVER ? run.serverConnected() : run.clientConnected();
        }

        FakeTransport.Endpoint receiverEnd(Handshakes.Run run) {
            return this == CLIENT_TO_SERVER ? run.transport().server() : run.transport().client();
        }
    }

    /**
     * A fault on the records (given the position of the first one), the messages that still arrive before it
     * strikes, and the failure with its whole message.
     */
    record Case(String name, IntFunction<Fault> fault, int delivered, Failure failure, String message) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Stream<Case> faults() {
        return Stream.of(
                new Case("a ciphertext bit flipped", first -> rewriteRecord(first, r ->
                        new ApplicationRecord(r.sequence(), flipBit(r.ciphertext(), 0))),
                        0, Failure.BAD_RECORD_MAC, "record rejected: record 0 failed authentication"),
                new Case("a tag bit flipped", first -> rewriteRecord(first, r ->
                        new ApplicationRecord(r.sequence(), flipBit(r.ciphertext(), r.ciphertext().length - 1))),
                        0, Failure.BAD_RECORD_MAC, "record rejected: record 0 failed authentication"),
                new Case("the last byte cut off", first -> rewriteRecord(first, r ->
                        new ApplicationRecord(r.sequence(), Arrays.copyOf(r.ciphertext(), r.ciphertext().length - 1))),
                        0, Failure.BAD_RECORD_MAC, "record rejected: record 0 failed authentication"),
                new Case("a byte appended", first -> rewriteRecord(first, r ->
                        new ApplicationRecord(r.sequence(), Arrays.copyOf(r.ciphertext(), r.ciphertext().length + 1))),
                        0, Failure.BAD_RECORD_MAC, "record rejected: record 0 failed authentication"),
                new Case("15 bytes, shorter than the tag", first -> rewriteRecord(first, r ->
                        new ApplicationRecord(r.sequence(), new byte[15])),
                        0, Failure.BAD_RECORD_MAC, "record rejected: ciphertext of 15 bytes is shorter than the tag"),
                new Case("an empty ciphertext", first -> rewriteRecord(first, r ->
                        new ApplicationRecord(r.sequence(), new byte[0])),
                        0, Failure.BAD_RECORD_MAC, "record rejected: ciphertext of 0 bytes is shorter than the tag"),
                new Case("replayed", Fault::duplicate,
                        1, Failure.UNEXPECTED_SEQUENCE, "record rejected: sequence number 0 where 1 was expected"),
                new Case("reordered", Fault::swapWithNext,
                        0, Failure.UNEXPECTED_SEQUENCE, "record rejected: sequence number 1 where 0 was expected"),
                new Case("dropped", Fault::drop,
                        0, Failure.UNEXPECTED_SEQUENCE, "record rejected: sequence number 1 where 0 was expected"),
                new Case("the second dropped", first -> Fault.drop(first + 1),
                        1, Failure.UNEXPECTED_SEQUENCE, "record rejected: sequence number 2 where 1 was expected"),
                new Case("numbered 1 instead of 0", first -> rewriteRecord(first, r ->
                        new ApplicationRecord(1, r.ciphertext())),
                        0, Failure.UNEXPECTED_SEQUENCE, "record rejected: sequence number 1 where 0 was expected"),
                new Case("numbered -1", first -> rewriteRecord(first, r -> new ApplicationRecord(-1, r.ciphertext())),
                        0, Failure.UNEXPECTED_SEQUENCE, "record rejected: sequence number -1 where 0 was expected"),
                new Case("dropped, and the next one renumbered 0", first -> dropThenRenumber(first),
                        0, Failure.BAD_RECORD_MAC, "record rejected: record 0 failed authentication"),
                new Case("a handshake message instead",
                        first -> Fault.replace(first, frame(new Finished(new byte[32]))),
                        0, Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected an encrypted record, got Finished"),
                new Case("not a record", first -> Fault.replace(first, "ApplicationData x\n".getBytes(
                        StandardCharsets.UTF_8)),
                        0, Failure.MALFORMED_MESSAGE, "malformed message: ApplicationData needs 2 fields"),
                new Case("cut off", first -> Fault.truncate(first, 10),
                        0, Failure.TRUNCATED,
                        "connection truncated: the peer closed in the middle of a frame"));
    }

    /** Drops record {@code first} and numbers the next one 0, so its number is the expected one. */
    private static Fault dropThenRenumber(int first) {
        Fault renumber = rewriteRecord(first + 1, r -> new ApplicationRecord(0, r.ciphertext()));
        return (index, frame) -> index == first ? List.of() : renumber.apply(index, frame);
    }

    static Stream<Arguments> faultsBothWays() {
        return Arrays.stream(Direction.values()).flatMap(d -> faults().map(c -> Arguments.of(d, c)));
    }

    @ParameterizedTest(name = "{0}: record {1}")
    @MethodSource("faultsBothWays")
    void aFaultyRecordEndsTheConnection(Direction direction, Case c) {
        Handshakes.Run run = direction.run(c.fault().apply(direction.firstRecord));
        SecureChannel sender = direction.sender(run);
        SecureChannel receiver = direction.receiver(run);
        MESSAGES.forEach(m -> sender.send(m.getBytes(StandardCharsets.UTF_8)));

        List<String> received = new ArrayList<>();
        ProtocolException failure = receiveUntilFailure(receiver, received);

        assertThat(received).containsExactlyElementsOf(MESSAGES.subList(0, c.delivered()));
        assertThat(failure.failure()).isEqualTo(c.failure());
        assertThat(failure).hasMessage(c.message());
        assertThat(direction.receiverEnd(run).isClosed()).as("the receiver closed the connection").isTrue();
        assertThat(sender.receive()).as("the sender sees the connection end").isEmpty();
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

    @Test
    void recordsGoBothWaysInOrderUpToTheLargestAllowed() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        SecureChannel client = run.clientConnected();
        SecureChannel server = run.serverConnected();
        byte[] largest = new byte[RecordLimits.MAX_PLAINTEXT];
        Arrays.fill(largest, (byte) 'x');

        client.send("first".getBytes(StandardCharsets.UTF_8));
        client.send(new byte[0]);
        client.send(largest);
        server.send("back".getBytes(StandardCharsets.UTF_8));

        assertThat(server.receive()).hasValue("first".getBytes(StandardCharsets.UTF_8));
        assertThat(server.receive()).hasValue(new byte[0]);
        assertThat(server.receive()).hasValue(largest);
        assertThat(client.receive()).hasValue("back".getBytes(StandardCharsets.UTF_8));
        assertThat(client.peer()).isEqualTo("fake-server");
        assertThat(server.peer()).isEqualTo("fake-client");
    }

    @Test
    void sendingMoreThan16KiBIsRefusedAndSendsNothing() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        SecureChannel client = run.clientConnected();
        int sentBefore = run.sentByClient().size();

        assertThatThrownBy(() -> client.send(new byte[RecordLimits.MAX_PLAINTEXT + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a record holds at most 16384 bytes, got 16385");

        assertThat(run.sentByClient()).hasSize(sentBefore);
        assertThat(run.transport().client().isClosed()).as("a caller's mistake does not end the session").isFalse();
        client.send("after".getBytes(StandardCharsets.UTF_8));
        ApplicationRecord next = (ApplicationRecord) Handshakes.CODEC.decode(
                run.sentByClient().get(FIRST_CLIENT_RECORD), MessageType.APPLICATION_RECORD);
        assertThat(next.sequence()).as("the refused message used no sequence number").isZero();
        assertThat(run.serverConnected().receive()).hasValue("after".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCiphertextOverTheLimitIsRefusedBeforeDecryption() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        run.transport().server().deliver(frame(new ApplicationRecord(0,
                new byte[RecordLimits.MAX_PLAINTEXT + 16 + 1])));

        assertThatThrownBy(run.serverConnected()::receive).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.RECORD_OVERFLOW);
            assertThat(e).hasMessage("record too large: ciphertext of 16401 bytes; at most 16400 allowed");
        });
        assertThat(run.transport().server().isClosed()).isTrue();
    }

    @Test
    void aCiphertextOfExactlyTheLimitIsDecryptedAndFailsOnlyAuthentication() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        run.transport().server().deliver(frame(new ApplicationRecord(0, new byte[RecordLimits.MAX_PLAINTEXT + 16])));

        assertThatThrownBy(run.serverConnected()::receive).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.BAD_RECORD_MAC));
    }

    @Test
    void aRecordSentBackToItsSenderFailsAuthentication() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        SecureChannel client = run.clientConnected();
        client.send("mine".getBytes(StandardCharsets.UTF_8));

        run.transport().client().deliver(run.sentByClient().get(FIRST_CLIENT_RECORD));

        assertThatThrownBy(client::receive).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.BAD_RECORD_MAC);
            assertThat(e).hasMessage("record rejected: record 0 failed authentication");
        });
    }

    @Test
    void aPeerThatClosesBetweenRecordsEndsTheSession() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        SecureChannel client = run.clientConnected();
        SecureChannel server = run.serverConnected();

        client.send("last words".getBytes(StandardCharsets.UTF_8));
        client.close();

        assertThat(server.receive()).hasValue("last words".getBytes(StandardCharsets.UTF_8));
        assertThat(server.receive()).isEmpty();
        assertThat(run.transport().server().isClosed()).isTrue();
    }

    @Test
    void aClosedChannelRefusesToSend() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);
        SecureChannel client = run.clientConnected();
        client.close();
        client.close();

        assertThatThrownBy(() -> client.send("late".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this channel is closed for sending");
        assertThat(run.serverConnected().receive()).isEmpty();
    }

    @Test
    void protocolV1CannotCloseOneWaySoClosingTheOutboundSideClosesAll() {
        Handshakes.Run run = run(Fault.NONE, Fault.NONE);

        run.clientConnected().closeOutbound();

        assertThat(run.transport().client().isClosed()).isTrue();
        assertThat(run.serverConnected().receive()).isEmpty();
    }
}
