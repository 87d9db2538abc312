package dev.minitls.domain.handshake;

import static dev.minitls.domain.error.Failure.ALERT_RECEIVED;
import static dev.minitls.domain.error.Failure.PEER_CLOSED;
import static dev.minitls.domain.error.Failure.TRUNCATED;
import static dev.minitls.domain.error.Failure.UNEXPECTED_MESSAGE;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.CONNECTED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;
import static dev.minitls.domain.handshake.Handshakes.run;
import static dev.minitls.domain.handshake.TestProtocol.V1;
import static dev.minitls.domain.handshake.TestProtocol.V2;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static dev.minitls.domain.handshake.V2Handshakes.receiveFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.testing.FakeTransport.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames lost, repeated, reordered, cut off or late in flight, and a peer that closes at each step: how each side
 * ends, in each protocol. A v2 side that reads a cut frame has keys or not: it tells the other side decode_error,
 * encrypted or in clear. (A dropped frame that leaves both sides waiting for each other is covered by the peer
 * closing at that point; a v2 session cut after the handshake is in {@link V2SessionTest}; v2's skipped, repeated
 * and reordered messages are in {@link V2OrderTest}.)
 */
class TransportFaultTest {

    /**
     * How each side ends: {@link Handshakes#CONNECTED}, or its failure; {@code told} is the alert a server that
     * failed with ALERT_RECEIVED was told.
     */
    record Ends(Failure client, Failure server, Alert told) {
    }

    private static Ends ends(Failure client, Failure server) {
        return new Ends(client, server, null);
    }

    private static Ends serverTold(Failure client, Alert told) {
        return new Ends(client, ALERT_RECEIVED, told);
    }

    /** One fault, and how each side ends in each protocol it applies to. */
    record Case(String name, Fault clientToServer, Fault serverToClient, Map<TestProtocol, Ends> ends) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case fromClient(String name, Fault fault, Map<TestProtocol, Ends> ends) {
        return new Case(name, fault, Fault.NONE, ends);
    }

    private static Case fromServer(String name, Fault fault, Map<TestProtocol, Ends> ends) {
        return new Case(name, Fault.NONE, fault, ends);
    }

    /** The same ends in every protocol. */
    private static Map<TestProtocol, Ends> always(Failure client, Failure server) {
        return Map.of(V1, ends(client, server), V2, ends(client, server));
    }

    /** A v1 client reads the cut frame and closes; a v2 client, with keys or without, tells the server why. */
    private static Map<TestProtocol, Ends> aServerFrameCut() {
        return Map.of(V1, ends(TRUNCATED, PEER_CLOSED), V2, serverTold(TRUNCATED, Alert.DECODE_ERROR));
    }

    /** A fault whose v2 counterpart {@link V2OrderTest} covers. */
    private static Map<TestProtocol, Ends> v1Only(Failure client, Failure server) {
        return Map.of(V1, ends(client, server));
    }

    private static Map<TestProtocol, Ends> outOfOrderForTheV1Client() {
        return v1Only(UNEXPECTED_MESSAGE, PEER_CLOSED);
    }

    static Stream<Case> cases() {
        return Stream.of(
                fromClient("client closes instead of its ClientHello", Fault.closeAt(CLIENT_HELLO),
                        always(PEER_CLOSED, PEER_CLOSED)),
                fromClient("client closes instead of its Finished", Fault.closeAt(CLIENT_FINISHED),
                        always(CONNECTED, PEER_CLOSED)),
                fromServer("server closes instead of its ServerHello", Fault.closeAt(SERVER_HELLO),
                        always(PEER_CLOSED, PEER_CLOSED)),
                fromServer("server closes instead of its Certificate", Fault.closeAt(CERTIFICATE),
                        always(PEER_CLOSED, PEER_CLOSED)),
                fromServer("server closes instead of its CertificateVerify", Fault.closeAt(CERTIFICATE_VERIFY),
                        always(PEER_CLOSED, PEER_CLOSED)),
                fromServer("server closes instead of its Finished", Fault.closeAt(SERVER_FINISHED),
                        always(PEER_CLOSED, PEER_CLOSED)),

                fromClient("ClientHello cut off", Fault.truncate(CLIENT_HELLO, 5), always(PEER_CLOSED, TRUNCATED)),
                fromClient("client Finished cut off", Fault.truncate(CLIENT_FINISHED, 5),
                        always(CONNECTED, TRUNCATED)),
                fromServer("ServerHello cut off", Fault.truncate(SERVER_HELLO, 5), aServerFrameCut()),
                fromServer("Certificate cut off", Fault.truncate(CERTIFICATE, 5), aServerFrameCut()),
                fromServer("Certificate record cut off further in", Fault.truncate(CERTIFICATE, 10), aServerFrameCut()),
                fromServer("CertificateVerify cut off", Fault.truncate(CERTIFICATE_VERIFY, 5), aServerFrameCut()),
                fromServer("CertificateVerify record cut off further in", Fault.truncate(CERTIFICATE_VERIFY, 10),
                        aServerFrameCut()),
                fromServer("server Finished cut off", Fault.truncate(SERVER_FINISHED, 5), aServerFrameCut()),
                fromServer("server Finished record cut off further in", Fault.truncate(SERVER_FINISHED, 10),
                        aServerFrameCut()),

                fromServer("ServerHello dropped", Fault.drop(SERVER_HELLO), outOfOrderForTheV1Client()),
                fromServer("Certificate dropped", Fault.drop(CERTIFICATE), outOfOrderForTheV1Client()),
                fromServer("CertificateVerify dropped", Fault.drop(CERTIFICATE_VERIFY), outOfOrderForTheV1Client()),

                fromClient("ClientHello twice", Fault.duplicate(CLIENT_HELLO), v1Only(CONNECTED, UNEXPECTED_MESSAGE)),
                fromServer("ServerHello twice", Fault.duplicate(SERVER_HELLO), outOfOrderForTheV1Client()),
                fromServer("Certificate twice", Fault.duplicate(CERTIFICATE), outOfOrderForTheV1Client()),
                fromServer("CertificateVerify twice", Fault.duplicate(CERTIFICATE_VERIFY), outOfOrderForTheV1Client()),

                fromServer("Certificate before ServerHello", Fault.swapWithNext(SERVER_HELLO),
                        outOfOrderForTheV1Client()),
                fromServer("CertificateVerify before Certificate", Fault.swapWithNext(CERTIFICATE),
                        outOfOrderForTheV1Client()),
                fromServer("Finished before CertificateVerify", Fault.swapWithNext(CERTIFICATE_VERIFY),
                        outOfOrderForTheV1Client()));
    }

    static Stream<Arguments> casesByProtocol() {
        return Stream.of(TestProtocol.values()).flatMap(p -> cases().filter(c -> c.ends().containsKey(p))
                .map(c -> Arguments.of(p, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesByProtocol")
    void eachSideEndsAsExpected(TestProtocol p, Case c) {
        Ends ends = c.ends().get(p);
        Handshakes.Run run = p.run(c.clientToServer(), c.serverToClient());

        run.assertClient(ends.client());
        run.assertServer(ends.server());
        if (ends.server() == ALERT_RECEIVED) {
            assertToldOf(run.serverFailed(ALERT_RECEIVED), ends.told());
        }
    }

    /** Every frame of either side, in turn, late by a few milliseconds: a slow link breaks nothing. */
    static Stream<Arguments> delayedFrames() {
        return Stream.of(TestProtocol.values()).flatMap(protocol -> Stream.concat(
                IntStream.rangeClosed(SERVER_HELLO, SERVER_FINISHED).mapToObj(n -> Arguments.of(protocol, true, n)),
                IntStream.rangeClosed(CLIENT_HELLO, CLIENT_FINISHED).mapToObj(n -> Arguments.of(protocol, false, n))));
    }

    @ParameterizedTest(name = "{0}: frame {2} late, from the server: {1}")
    @MethodSource("delayedFrames")
    void aLateFrameDelaysTheHandshakeButBreaksNothing(TestProtocol protocol, boolean fromServer, int frame) {
        Fault late = Fault.delay(frame, Duration.ofMillis(20));
        Handshakes.Run run = fromServer ? protocol.run(Fault.NONE, late) : protocol.run(late, Fault.NONE);
        byte[] message = "after a slow handshake".getBytes(StandardCharsets.UTF_8);

        run.assertClient(CONNECTED);
        run.assertServer(CONNECTED);
        run.clientConnected().send(message);
        assertThat(run.serverConnected().receive()).hasValue(message);
    }

    // ---------------------------------------------------------------- v1 only

    @Test
    void aV1ClientThatFailsHasSentOnlyItsClientHello() {
        Handshakes.Run run = run(Fault.NONE, Fault.truncate(CERTIFICATE, 5));

        assertThat(run.clientFailed(TRUNCATED))
                .hasMessage("connection truncated: the peer closed in the middle of a frame");
        assertThat(run.sentByClient()).hasSize(1);
    }

    @Test
    void aRepeatedServerFinishedFailsTheV1ClientsFirstReceive() {
        Handshakes.Run run = run(Fault.NONE, Fault.duplicate(SERVER_FINISHED));
        SecureChannel client = run.clientConnected();
        run.serverConnected();

        assertThatThrownBy(client::receive).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(UNEXPECTED_MESSAGE);
            assertThat(e).hasMessage("unexpected message: expected an encrypted record, got Finished");
        });
        assertThat(run.transport().client().isClosed()).isTrue();
    }

    @Test
    void aRepeatedClientFinishedFailsTheV1ServersFirstReceive() {
        Handshakes.Run run = run(Fault.duplicate(CLIENT_FINISHED), Fault.NONE);
        SecureChannel server = run.serverConnected();
        run.clientConnected();

        assertThatThrownBy(server::receive).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(UNEXPECTED_MESSAGE);
            assertThat(e).hasMessage("unexpected message: expected an encrypted record, got Finished");
        });
        assertThat(run.transport().server().isClosed()).isTrue();
    }

    @Test
    void aV1ClientWhoseServerRefusedTheHandshakeSeesTheSessionEnd() {
        Handshakes.Run run = run(Fault.duplicate(CLIENT_HELLO), Fault.NONE);
        run.serverFailed(UNEXPECTED_MESSAGE);

        assertThat(run.clientConnected().receive()).isEmpty();
    }

    // ---------------------------------------------------------------- v2 only

    @Test
    void aV2ClientThatClosesInsteadOfItsFinishedLeavesTheServerPeerClosedAndItsOwnSessionTruncated() {
        Handshakes.Run run = V2.run(Fault.closeAt(CLIENT_FINISHED), Fault.NONE);

        run.serverFailed(PEER_CLOSED);
        assertThat(receiveFails(run.clientConnected())).hasMessage(
                "connection truncated: the peer closed the connection without close_notify");
    }

    @Test
    void aV2ClientFinishedCutOffIsTruncatedAndTheClientIsToldDecodeError() {
        Handshakes.Run run = V2.run(Fault.truncate(CLIENT_FINISHED, 10), Fault.NONE);

        assertThat(run.serverFailed(TRUNCATED)).hasMessage(
                "connection truncated: the peer closed in the middle of a frame");
        assertToldOf(receiveFails(run.clientConnected()), Alert.DECODE_ERROR);
    }
}
