package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.FORMATS;
import static dev.minitls.domain.handshake.V2Handshakes.ALERT;
import static dev.minitls.domain.handshake.V2Handshakes.APPLICATION_DATA;
import static dev.minitls.domain.handshake.V2Handshakes.HANDSHAKE;
import static dev.minitls.domain.handshake.V2Handshakes.inner;
import static dev.minitls.domain.handshake.V2Handshakes.seal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.V2Handshakes.Keys;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Protocol v2's state machines against any sequence of records: each side gets the peer's real hello, then records
 * that are authentic (sealed under the right handshake key) but hold anything, in any order: the right next message,
 * any other message, alerts, application data, no content type, a wrong sequence number, frames in clear, lines that
 * are no message. The stream ends after them. The side completes its handshake exactly when the sequence starts with
 * the right messages, and otherwise ends with a {@link ProtocolException} naming the peer's fault: never another
 * exception, never a wait for more. (Frames that are no record at all: {@link AnyFramesPropertyTest}.)
 */
class V2AnyRecordsPropertyTest {

    /** A good run's frames and keys; the pinned randomness makes every run's the same. */
    private static final Good GOOD = Good.capture();

    /** Failures that would mean the state machine, not the peer, went wrong. */
    private static final List<Failure> NOT_THE_PEERS_FAULT =
            List.of(Failure.TIMEOUT, Failure.IO_ERROR, Failure.INTERNAL_ERROR);

    private record Good(byte[] clientHello, byte[] serverHello, List<byte[]> serverLines, byte[] clientFinished,
            TrafficKeys serverKeys, TrafficKeys clientKeys) {

        static Good capture() {
            Wire wire = new Wire();
            wire.run(Fault.NONE, Fault.NONE).clientConnected();
            List<byte[]> lines = wire.transcriptLines();
            return new Good(wire.fromClient().get(Handshakes.CLIENT_HELLO),
                    wire.fromServer().get(Handshakes.SERVER_HELLO), lines.subList(2, 5), lines.get(5),
                    wire.keys(Keys.SERVER_HANDSHAKE), wire.keys(Keys.CLIENT_HANDSHAKE));
        }
    }

    /** What the peer does next. */
    enum Kind { RIGHT_NEXT, ANY_MESSAGE, ALERT, APPLICATION_DATA, NO_CONTENT_TYPE, WRONG_SEQUENCE, IN_CLEAR, NO_MESSAGE }

    /** One frame the peer sends: its kind and the values it needs. */
    record Move(Kind kind, Message message, byte[] bytes, int number) {

        @Override
        public String toString() {
            return kind + (message != null ? " " + message.type().wireName() : "") + (number != 0 ? " " + number : "");
        }
    }

    @Property(tries = 300, seed = "20261126", edgeCases = EdgeCasesMode.NONE)
    void aV2ClientConnectsExactlyWhenTheServersRecordsAreRight(@ForAll("moves") List<Move> moves) {
        FakeTransport transport = FakeTransport.pair();
        transport.client().deliver(GOOD.serverHello());
        frames(moves, GOOD.serverKeys(), GOOD.serverLines()).forEach(transport.client()::deliver);
        transport.server().close();

        Throwable thrown = catchThrowable(() -> ClientHandshake.connect(transport.client(), FORMATS,
                V2Handshakes.clientConfig()));

        assertOutcome(thrown, startsRight(moves, GOOD.serverLines().size()), transport.client());
    }

    @Property(tries = 300, seed = "20261126", edgeCases = EdgeCasesMode.NONE)
    void aV2ServerConnectsExactlyWhenTheClientsRecordsAreRight(@ForAll("moves") List<Move> moves) {
        FakeTransport transport = FakeTransport.pair();
        transport.server().deliver(GOOD.clientHello());
        frames(moves, GOOD.clientKeys(), List.of(GOOD.clientFinished())).forEach(transport.server()::deliver);
        transport.client().close();

        Throwable thrown = catchThrowable(() -> ServerHandshake.accept(transport.server(), FORMATS,
                Handshakes.serverConfig()));

        assertOutcome(thrown, startsRight(moves, 1), transport.server());
    }

    private static boolean startsRight(List<Move> moves, int needed) {
        return moves.size() >= needed && moves.subList(0, needed).stream().allMatch(m -> m.kind() == Kind.RIGHT_NEXT);
    }

    private static void assertOutcome(Throwable thrown, boolean mustConnect, FakeTransport.Endpoint endpoint) {
        // Both outcomes must come up often enough for the property to say something about each.
        Statistics.label("connects").collect(mustConnect);
        Statistics.label("connects").coverage(coverage -> {
            coverage.check(true).count(n -> n >= 10);
            coverage.check(false).count(n -> n >= 10);
        });
        if (mustConnect) {
            assertThat(thrown).as("the right messages in the right records").isNull();
            return;
        }
        assertThat(thrown).isInstanceOf(ProtocolException.class);
        assertThat(((ProtocolException) thrown).failure()).isNotIn(NOT_THE_PEERS_FAULT);
        assertThat(endpoint.isClosed()).isTrue();
    }

    /** The frames the moves make: records numbered from 0 under {@code keys}, the right messages in turn. */
    private static List<byte[]> frames(List<Move> moves, TrafficKeys keys, List<byte[]> right) {
        List<byte[]> frames = new ArrayList<>();
        long sequence = 0;
        int rightSent = 0;
        for (Move move : moves) {
            byte[] next = right.get(Math.min(rightSent, right.size() - 1));
            switch (move.kind()) {
                case RIGHT_NEXT -> {
                    frames.add(seal(keys, sequence++, inner(next, HANDSHAKE)));
                    rightSent++;
                }
                case WRONG_SEQUENCE -> frames.add(seal(keys, sequence + move.number(), inner(next, HANDSHAKE)));
                case ANY_MESSAGE -> frames.add(seal(keys, sequence++, inner(V2Handshakes.CODEC.encode(move.message()),
                        move.number())));
                case ALERT -> frames.add(seal(keys, sequence++, inner(V2Handshakes.CODEC.encode(move.message()),
                        ALERT)));
                case APPLICATION_DATA -> frames.add(seal(keys, sequence++, inner(move.bytes(), APPLICATION_DATA)));
                case NO_CONTENT_TYPE -> frames.add(seal(keys, sequence++, move.number() < 0 ? new byte[0]
                        : inner(move.bytes(), move.number())));
                case IN_CLEAR -> frames.add((move.number() == 1 ? TestCodec.V1 : TestCodec.V2).encode(move.message()));
                case NO_MESSAGE -> frames.add(line(move.bytes()));
            }
        }
        return frames;
    }

    @Provide
    Arbitrary<List<Move>> moves() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(new Move(Kind.RIGHT_NEXT, null, null, 0))),
                Tuple.of(2, Combinators.combine(message(), Arbitraries.of(ALERT, HANDSHAKE, APPLICATION_DATA))
                        .as((m, type) -> new Move(Kind.ANY_MESSAGE, m, null, type))),
                Tuple.of(1, Arbitraries.of(Alert.class).map(a -> new Move(Kind.ALERT, new AlertMessage(a), null, 0))),
                Tuple.of(1, bytes(24).map(b -> new Move(Kind.APPLICATION_DATA, null, b, 0))),
                Tuple.of(1, Combinators.combine(bytes(24), Arbitraries.of(-1, 0, 20, 24, 0x42, 0xff))
                        .as((b, type) -> new Move(Kind.NO_CONTENT_TYPE, null, b, type))),
                Tuple.of(1, Arbitraries.integers().between(1, 1000)
                        .map(offset -> new Move(Kind.WRONG_SEQUENCE, null, null, offset))),
                Tuple.of(1, Arbitraries.oneOf(
                        Combinators.combine(message(), Arbitraries.of(1, 2))
                                .as((m, version) -> new Move(Kind.IN_CLEAR, m, null, version)),
                        alert().map(a -> new Move(Kind.IN_CLEAR, a, null, 2)))),
                Tuple.of(1, bytes(40).map(b -> new Move(Kind.NO_MESSAGE, null, b, 0))))
                .list().ofMaxSize(5);
    }

    private static Arbitrary<Message> alert() {
        return Arbitraries.of(Alert.class).map(AlertMessage::new);
    }

    private static Arbitrary<Message> message() {
        Arbitrary<Integer> version = Arbitraries.oneOf(Arbitraries.just(2), Arbitraries.integers());
        Arbitrary<String> suite = Arbitraries.oneOf(Arbitraries.just(V2Handshakes.SUITE),
                Arbitraries.strings().alpha().ofMaxLength(8));
        return Arbitraries.oneOf(
                Combinators.combine(bytes(32), version, bytes(32), suite, Arbitraries.strings().alpha().ofMaxLength(20))
                        .as(ClientHello::new),
                Combinators.combine(bytes(32), version, bytes(32), suite).as(ServerHello::new),
                Arbitraries.oneOf(Arbitraries.just(Handshakes.PKI.serverPem()), bytes(64)).map(CertificateMessage::new),
                bytes(64).map(CertificateVerify::new),
                bytes(32).map(Finished::new),
                Combinators.combine(Arbitraries.longs().greaterOrEqual(0), bytes(48)).as(ApplicationRecord::new));
    }

    /** Mostly {@code typical} bytes, sometimes fewer or more. */
    private static Arbitrary<byte[]> bytes(int typical) {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(typical),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(typical + 8));
    }

    /** {@code bytes} as one line: no newline inside, one at the end. */
    private static byte[] line(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace('\n', ' ');
        return (text + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
