package dev.minitls.domain.handshake;

import static dev.minitls.domain.error.Failure.ALERT_RECEIVED;
import static dev.minitls.domain.error.Failure.PEER_CLOSED;
import static dev.minitls.domain.error.Failure.TRUNCATED;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.CONNECTED;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static dev.minitls.domain.handshake.V2Handshakes.receiveFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A protocol v2 peer that closes the connection, cleanly or in the middle of a frame, at each step of the handshake
 * (its v1 twin is {@link TransportFaultTest}; a v2 session cut after the handshake is in {@link V2SessionTest}), and
 * frames that are only late, in both protocols. A side that reads a cut frame has keys or not: it tells the other
 * side decode_error, encrypted or in clear.
 */
class V2TransportFaultTest {

    /**
     * One fault, and how each side ends: {@link Handshakes#CONNECTED}, or its failure; {@code told} is the alert a
     * side that failed with ALERT_RECEIVED was told.
     */
    record Case(String name, Fault clientToServer, Fault serverToClient, Failure client, Failure server, Alert told) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case fromClient(String name, Fault fault, Failure client, Failure server, Alert told) {
        return new Case(name, fault, Fault.NONE, client, server, told);
    }

    private static Case fromServer(String name, Fault fault, Failure client, Failure server, Alert told) {
        return new Case(name, Fault.NONE, fault, client, server, told);
    }

    static Stream<Case> cases() {
        return Stream.of(
                fromClient("client closes instead of its ClientHello", Fault.closeAt(CLIENT_HELLO),
                        PEER_CLOSED, PEER_CLOSED, null),
                fromClient("ClientHello cut off", Fault.truncate(CLIENT_HELLO, 5), PEER_CLOSED, TRUNCATED, null),
                fromServer("server closes instead of its ServerHello", Fault.closeAt(SERVER_HELLO),
                        PEER_CLOSED, PEER_CLOSED, null),
                fromServer("ServerHello cut off", Fault.truncate(SERVER_HELLO, 5),
                        TRUNCATED, ALERT_RECEIVED, Alert.DECODE_ERROR),
                fromServer("server closes instead of its Certificate", Fault.closeAt(CERTIFICATE),
                        PEER_CLOSED, PEER_CLOSED, null),
                fromServer("Certificate record cut off", Fault.truncate(CERTIFICATE, 10),
                        TRUNCATED, ALERT_RECEIVED, Alert.DECODE_ERROR),
                fromServer("server closes instead of its CertificateVerify", Fault.closeAt(CERTIFICATE_VERIFY),
                        PEER_CLOSED, PEER_CLOSED, null),
                fromServer("CertificateVerify record cut off", Fault.truncate(CERTIFICATE_VERIFY, 10),
                        TRUNCATED, ALERT_RECEIVED, Alert.DECODE_ERROR),
                fromServer("server closes instead of its Finished", Fault.closeAt(SERVER_FINISHED),
                        PEER_CLOSED, PEER_CLOSED, null),
                fromServer("server Finished record cut off", Fault.truncate(SERVER_FINISHED, 10),
                        TRUNCATED, ALERT_RECEIVED, Alert.DECODE_ERROR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachSideEndsAsExpected(Case c) {
        Handshakes.Run run = new Wire().run(c.clientToServer(), c.serverToClient());

        run.assertClient(c.client());
        run.assertServer(c.server());
        if (c.server() == ALERT_RECEIVED) {
            assertToldOf(run.serverFailed(ALERT_RECEIVED), c.told());
        }
    }

    @Test
    void aClientThatClosesInsteadOfItsFinishedLeavesTheServerPeerClosedAndItsOwnSessionTruncated() {
        Handshakes.Run run = new Wire().run(Fault.closeAt(CLIENT_FINISHED), Fault.NONE);

        run.serverFailed(PEER_CLOSED);
        assertThat(receiveFails(run.clientConnected())).hasMessage(
                "connection truncated: the peer closed the connection without close_notify");
    }

    @Test
    void aClientFinishedCutOffIsTruncatedAndTheClientIsToldDecodeError() {
        Handshakes.Run run = new Wire().run(Fault.truncate(CLIENT_FINISHED, 10), Fault.NONE);

        assertThat(run.serverFailed(TRUNCATED)).hasMessage(
                "connection truncated: the peer closed in the middle of a frame");
        assertToldOf(receiveFails(run.clientConnected()), Alert.DECODE_ERROR);
    }

    /** Every frame of either side, in turn, late by a few milliseconds: a slow link breaks nothing. */
    static Stream<Arguments> delayedFrames() {
        return Stream.of(ProtocolVersion.values()).flatMap(protocol -> Stream.concat(
                IntStream.rangeClosed(SERVER_HELLO, SERVER_FINISHED).mapToObj(n -> Arguments.of(protocol, true, n)),
                IntStream.rangeClosed(CLIENT_HELLO, CLIENT_FINISHED).mapToObj(n -> Arguments.of(protocol, false, n))));
    }

    @ParameterizedTest(name = "{0}: frame {2} late, from the server: {1}")
    @MethodSource("delayedFrames")
    void aLateFrameDelaysTheHandshakeButBreaksNothing(ProtocolVersion protocol, boolean fromServer, int frame) {
        Fault late = Fault.delay(frame, Duration.ofMillis(20));
        ClientConfig client = Handshakes.clientConfig(protocol, PKI.root(), HandshakeObserver.NONE);
        Handshakes.Run run = fromServer
                ? Handshakes.run(client, Handshakes.serverConfig(), Fault.NONE, late)
                : Handshakes.run(client, Handshakes.serverConfig(), late, Fault.NONE);
        byte[] message = "after a slow handshake".getBytes(StandardCharsets.UTF_8);

        run.assertClient(CONNECTED);
        run.assertServer(CONNECTED);
        run.clientConnected().send(message);
        assertThat(run.serverConnected().receive()).hasValue(message);
    }
}
