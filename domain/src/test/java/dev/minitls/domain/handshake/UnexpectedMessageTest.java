package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;
import static dev.minitls.domain.handshake.Handshakes.frame;
import static dev.minitls.domain.handshake.Handshakes.run;
import static dev.minitls.domain.handshake.Handshakes.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.MessageType;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each side of a v1 handshake gets, at each step, every other kind of message (UNEXPECTED_MESSAGE), the expected
 * message in protocol v2 (UNSUPPORTED_VERSION: no fallback) and frames that are no message at all
 * (MALFORMED_MESSAGE); the failing side sends nothing more, and the other side sees the connection close.
 */
class UnexpectedMessageTest {

    /** A step of a side: the frame position that carries the message it waits for, and its kind. */
    record Step(int frame, MessageType expected) {
    }

    private static final Step[] SERVER_STEPS = {
        new Step(CLIENT_HELLO, MessageType.CLIENT_HELLO),
        new Step(CLIENT_FINISHED, MessageType.FINISHED),
    };

    private static final Step[] CLIENT_STEPS = {
        new Step(SERVER_HELLO, MessageType.SERVER_HELLO),
        new Step(CERTIFICATE, MessageType.CERTIFICATE),
        new Step(CERTIFICATE_VERIFY, MessageType.CERTIFICATE_VERIFY),
        new Step(SERVER_FINISHED, MessageType.FINISHED),
    };

    static Stream<Arguments> serverSteps() {
        return otherMessagesAt(SERVER_STEPS);
    }

    static Stream<Arguments> clientSteps() {
        return otherMessagesAt(CLIENT_STEPS);
    }

    /** Every other message of protocol v1, which has no alerts. */
    private static Stream<Arguments> otherMessagesAt(Step[] steps) {
        return Arrays.stream(steps).flatMap(step -> Arrays.stream(MessageType.values())
                .filter(type -> type != step.expected() && type != MessageType.ALERT)
                .map(type -> Arguments.of(step.expected(), type, step.frame())));
    }

    @ParameterizedTest(name = "server expects {0}, gets {1}")
    @MethodSource("serverSteps")
    void serverRefusesAnyOtherMessage(MessageType expected, MessageType sent, int frame) {
        Handshakes.Run run = run(Fault.replace(frame, frame(sample(sent))), Fault.NONE);

        assertThat(run.serverFailed(Failure.UNEXPECTED_MESSAGE))
                .hasMessage("unexpected message: expected " + expected.wireName() + ", got " + sent.wireName());
        // Before the ClientHello the server has sent nothing; before the client's Finished, its four messages.
        assertThat(run.sentByServer()).hasSize(frame == CLIENT_HELLO ? 0 : 4);
        if (frame == CLIENT_HELLO) {
            run.clientFailed(Failure.PEER_CLOSED);
        } else {
            // Protocol v1 gives the client no answer to its Finished: it cannot know the server refused it.
            run.clientConnected();
        }
    }

    @ParameterizedTest(name = "client expects {0}, gets {1}")
    @MethodSource("clientSteps")
    void clientRefusesAnyOtherMessage(MessageType expected, MessageType sent, int frame) {
        Handshakes.Run run = run(Fault.NONE, Fault.replace(frame, frame(sample(sent))));

        assertThat(run.clientFailed(Failure.UNEXPECTED_MESSAGE))
                .hasMessage("unexpected message: expected " + expected.wireName() + ", got " + sent.wireName());
        assertThat(run.sentByClient()).as("only the ClientHello").hasSize(1);
        run.serverFailed(Failure.PEER_CLOSED);
    }

    static Stream<Arguments> laterServerSteps() {
        return Arrays.stream(SERVER_STEPS).skip(1).map(step -> Arguments.of(step.expected(), step.frame()));
    }

    static Stream<Arguments> allClientSteps() {
        return Arrays.stream(CLIENT_STEPS).map(step -> Arguments.of(step.expected(), step.frame()));
    }

    private static final String NO_FALLBACK = "unsupported protocol version: the peer speaks protocol v2";

    @ParameterizedTest(name = "server expects {0}, gets it in protocol v2")
    @MethodSource("laterServerSteps")
    void serverRefusesTheOtherProtocolMidHandshake(MessageType expected, int frame) {
        Handshakes.Run run = run(Fault.replace(frame, TestCodec.V2.encode(sample(expected))), Fault.NONE);

        assertThat(run.serverFailed(Failure.UNSUPPORTED_VERSION)).hasMessageStartingWith(NO_FALLBACK);
    }

    @ParameterizedTest(name = "client expects {0}, gets it in protocol v2")
    @MethodSource("allClientSteps")
    void clientRefusesTheOtherProtocol(MessageType expected, int frame) {
        Handshakes.Run run = run(Fault.NONE, Fault.replace(frame, TestCodec.V2.encode(sample(expected))));

        assertThat(run.clientFailed(Failure.UNSUPPORTED_VERSION)).hasMessageStartingWith(NO_FALLBACK);
        assertThat(run.sentByClient()).hasSize(1);
    }

    @Test
    void clientRefusesAProtocolV2AlertAsTheOtherProtocol() {
        byte[] alert = TestCodec.V2.encode(new AlertMessage(Alert.HANDSHAKE_FAILURE));
        Handshakes.Run run = run(Fault.NONE, Fault.replace(SERVER_HELLO, alert));

        assertThat(run.clientFailed(Failure.UNSUPPORTED_VERSION)).hasMessageStartingWith(NO_FALLBACK);
    }

    /** Frames the test codec cannot decode as any message. */
    private static final String[] MALFORMED = {"\n", "NoSuchMessage 00\n", "%s zz\n", "%s\n"};

    static Stream<Arguments> malformedAtServerSteps() {
        return malformedAt(SERVER_STEPS);
    }

    static Stream<Arguments> malformedAtClientSteps() {
        return malformedAt(CLIENT_STEPS);
    }

    private static Stream<Arguments> malformedAt(Step[] steps) {
        return Arrays.stream(steps).flatMap(step -> Arrays.stream(MALFORMED)
                .map(pattern -> Arguments.of(step.expected(), pattern.formatted(step.expected().wireName()),
                        step.frame())));
    }

    @ParameterizedTest(name = "server expects {0}, gets {1}")
    @MethodSource("malformedAtServerSteps")
    void serverRefusesMalformedFrames(MessageType expected, String malformed, int frame) {
        Handshakes.Run run = run(Fault.replace(frame, malformed.getBytes(StandardCharsets.UTF_8)), Fault.NONE);

        assertThat(run.serverFailed(Failure.MALFORMED_MESSAGE)).hasMessageStartingWith("malformed message: ");
        assertThat(run.sentByServer()).hasSize(frame == CLIENT_HELLO ? 0 : 4);
    }

    @ParameterizedTest(name = "client expects {0}, gets {1}")
    @MethodSource("malformedAtClientSteps")
    void clientRefusesMalformedFrames(MessageType expected, String malformed, int frame) {
        Handshakes.Run run = run(Fault.NONE, Fault.replace(frame, malformed.getBytes(StandardCharsets.UTF_8)));

        assertThat(run.clientFailed(Failure.MALFORMED_MESSAGE)).hasMessageStartingWith("malformed message: ");
        assertThat(run.sentByClient()).hasSize(1);
        run.serverFailed(Failure.PEER_CLOSED);
    }
}
