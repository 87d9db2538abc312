package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;
import static dev.minitls.domain.handshake.V2Handshakes.CODEC;
import static dev.minitls.domain.handshake.V2Handshakes.SUITE;
import static dev.minitls.domain.handshake.V2Handshakes.alertLine;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.NegotiationTest.Fields;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protocol v2 hellos: one the receiver refuses is answered with an alert in clear (no keys exist yet on the side
 * that refuses it), which the other side reports; and neither side ever falls back to the other protocol, a v1
 * side never sending an alert.
 */
class V2NegotiationTest {

    private final Wire wire = new Wire();

    /** A change to a hello, the failure, the start of its message and the alert. */
    record Case(String name, UnaryOperator<Fields> change, Failure failure, String message, Alert alert) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> refusedHellos() {
        return Stream.of(
                new Case("version 3", f -> f.version(3), Failure.UNSUPPORTED_VERSION,
                        "unsupported protocol version: peer speaks version 3, expected 2", Alert.PROTOCOL_VERSION),
                new Case("version 1 in a v2 hello", f -> f.version(1), Failure.UNSUPPORTED_VERSION,
                        "unsupported protocol version: peer speaks version 1, expected 2", Alert.PROTOCOL_VERSION),
                new Case("v1's suite", f -> f.suite("X25519"), Failure.UNSUPPORTED_SUITE,
                        "unsupported suite: peer offers suite \"X25519\", expected \"" + SUITE + "\"",
                        Alert.HANDSHAKE_FAILURE),
                new Case("a key share of 31 bytes", f -> f.keyShare(new byte[31]), Failure.BAD_KEY_SHARE,
                        "bad key share: X25519 key of 31 bytes, expected 32", Alert.ILLEGAL_PARAMETER),
                new Case("a low-order key share", f -> f.keyShare(new byte[32]), Failure.BAD_KEY_SHARE,
                        "bad key share: X25519 refused the peer's key: ", Alert.ILLEGAL_PARAMETER),
                new Case("a random of 31 bytes", f -> f.random(31), Failure.MALFORMED_MESSAGE,
                        "malformed message: random of 31 bytes, expected 32", Alert.DECODE_ERROR));
    }

    @ParameterizedTest(name = "ClientHello with {0}")
    @MethodSource("refusedHellos")
    void serverRefusesTheClientHelloWithAnAlertInClear(Case c) {
        Handshakes.Run run = wire.run(rewriteClientHello(CODEC, hello -> NegotiationTest.change(hello, c.change())),
                Fault.NONE);

        assertThat(run.serverFailed(c.failure())).hasMessageStartingWith(c.message());
        assertThat(run.sentByServer()).as("the alert, in clear, and nothing else")
                .containsExactly(alertLine(c.alert()));
        assertToldOf(run.clientFailed(Failure.ALERT_RECEIVED), c.alert());
        assertThat(run.sentByClient()).as("no alert answers an alert").hasSize(1);
    }

    @ParameterizedTest(name = "ServerHello with {0}")
    @MethodSource("refusedHellos")
    void clientRefusesTheServerHelloWithAnAlertInClear(Case c) {
        Handshakes.Run run = wire.run(Fault.NONE, Fault.alter(SERVER_HELLO, frame -> CODEC.encode(
                NegotiationTest.change((ServerHello) CODEC.decode(frame, MessageType.SERVER_HELLO), c.change()))));

        assertThat(run.clientFailed(c.failure())).hasMessageStartingWith(c.message());
        assertThat(run.sentByClient()).as("the ClientHello, then the alert in clear")
                .containsExactly(wire.fromClient().get(CLIENT_HELLO), alertLine(c.alert()));
        assertToldOf(run.serverFailed(Failure.ALERT_RECEIVED), c.alert());
    }

    @Test
    void aV2ClientAnsweredInV1RefusesToFallBackAndTheV1ServerSendsNoAlert() {
        Handshakes.Run run = wire.run(rewriteClientHello(TestCodec.V1,
                hello -> new ClientHello(hello.random(), 1, hello.ephemeralPublicKey(), "X25519",
                        hello.serverName())), Fault.NONE);

        assertThat(run.clientFailed(Failure.UNSUPPORTED_VERSION)).hasMessageStartingWith(
                "unsupported protocol version: the peer speaks protocol v1, this side v2; refusing to fall back");
        assertThat(run.sentByClient()).as("the ClientHello, then the alert in clear")
                .containsExactly(wire.fromClient().get(CLIENT_HELLO), alertLine(Alert.PROTOCOL_VERSION));
        assertThat(run.serverFailed(Failure.UNSUPPORTED_VERSION))
                .hasMessageStartingWith("unsupported protocol version: the peer speaks protocol v2, this side v1");
        assertThat(run.sentByServer()).as("its four v1 handshake messages, no alert").hasSize(SERVER_FINISHED + 1);
    }

    @Test
    void aV1ClientAnsweredInV2RefusesToFallBackWithoutAnAlert() {
        Handshakes.Run run = wire.run(Handshakes.clientConfig(), Handshakes.serverConfig(),
                Fault.alter(CLIENT_HELLO, frame -> {
                    ClientHello hello = (ClientHello) TestCodec.V1.decode(frame, MessageType.CLIENT_HELLO);
                    return CODEC.encode(new ClientHello(hello.random(), 2, hello.ephemeralPublicKey(), SUITE,
                            hello.serverName()));
                }), Fault.NONE);

        assertThat(run.clientFailed(Failure.UNSUPPORTED_VERSION)).hasMessageStartingWith(
                "unsupported protocol version: the peer speaks protocol v2, this side v1; refusing to fall back");
        assertThat(run.sentByClient()).as("the ClientHello only: v1 has no alerts").hasSize(1);
        run.serverFailed(Failure.PEER_CLOSED);
        assertThat(run.sentByServer()).as("the ServerHello and three records, no alert").hasSize(SERVER_FINISHED + 1);
    }

    /**
     * A first frame that is a well-formed v2 message of another kind says the peer speaks v2: it is answered as at
     * every later step, with unexpected_message, in clear.
     */
    @ParameterizedTest(name = "first message {0}")
    @EnumSource(value = MessageType.class, names = {"CLIENT_HELLO", "ALERT"}, mode = EnumSource.Mode.EXCLUDE)
    void serverAnswersAnotherV2MessageFirstWithUnexpectedMessageInClear(MessageType sent) {
        Handshakes.Run run = wire.run(Fault.replace(CLIENT_HELLO, CODEC.encode(Handshakes.sample(sent))), Fault.NONE);

        assertThat(run.serverFailed(Failure.UNEXPECTED_MESSAGE))
                .hasMessage("unexpected message: expected ClientHello, got " + sent.wireName());
        assertThat(run.sentByServer()).as("the alert, in clear, and nothing else")
                .containsExactly(alertLine(Alert.UNEXPECTED_MESSAGE));
        assertToldOf(run.clientFailed(Failure.ALERT_RECEIVED), Alert.UNEXPECTED_MESSAGE);
    }

    /** An alert as the first frame is the peer's failure, reported; no alert answers an alert. */
    @Test
    void anAlertFirstIsReportedAndNotAnswered() {
        Handshakes.Run run = wire.run(Fault.replace(CLIENT_HELLO, alertLine(Alert.HANDSHAKE_FAILURE)), Fault.NONE);

        assertToldOf(run.serverFailed(Failure.ALERT_RECEIVED), Alert.HANDSHAKE_FAILURE);
        assertThat(run.sentByServer()).isEmpty();
        run.clientFailed(Failure.PEER_CLOSED);
    }

    /** A first frame that is no message of either protocol: the server cannot tell whom to answer, and closes. */
    @Test
    void aFirstFrameOfNeitherProtocolIsClosedWithoutAnAlert() {
        Handshakes.Run run = wire.run(Fault.replace(CLIENT_HELLO, "NoSuchMessage 00\n".getBytes(
                StandardCharsets.US_ASCII)), Fault.NONE);

        assertThat(run.serverFailed(Failure.MALFORMED_MESSAGE))
                .hasMessageStartingWith("malformed message: the first message is not a ClientHello of any");
        assertThat(run.sentByServer()).isEmpty();
        run.clientFailed(Failure.PEER_CLOSED);
    }

    /** Replaces the v2 ClientHello in flight by {@code change} of it, written with {@code codec}. */
    private static Fault rewriteClientHello(TestCodec codec, UnaryOperator<ClientHello> change) {
        return Fault.alter(CLIENT_HELLO, frame -> codec.encode(change.apply(
                (ClientHello) CODEC.decode(frame, MessageType.CLIENT_HELLO))));
    }
}
