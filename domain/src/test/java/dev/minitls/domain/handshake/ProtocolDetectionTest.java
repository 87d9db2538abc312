package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.V2Handshakes.CODEC;
import static dev.minitls.domain.handshake.V2Handshakes.SUITE;
import static dev.minitls.domain.handshake.V2Handshakes.alertLine;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.MessageType;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first frame tells the server which protocol its client speaks: another v2 message first is answered with
 * unexpected_message in clear, an alert first is reported and not answered, a frame of neither protocol is closed
 * without an alert. And neither side ever falls back to the other protocol: a v2 side answered in v1 refuses with an
 * alert in clear, a v1 side never sends an alert. (Hellos each protocol refuses on its own are in
 * {@link NegotiationTest}.)
 */
class ProtocolDetectionTest {

    private final Wire wire = new Wire();

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
