package dev.minitls.domain.handshake;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.testing.FakeTransport.Fault;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames lost, repeated, reordered or cut off in flight, and a peer that closes at each step: how each side ends.
 * (A dropped frame that leaves both sides waiting for each other is covered by the peer closing at that point.)
 */
class TransportFaultTest {

    /** One fault and the result expected on each side ({@link Handshakes#CONNECTED} for success). */
    record Case(String name, Fault clientToServer, Fault serverToClient, Failure client, Failure server) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case fromClient(String name, Fault fault, Failure client, Failure server) {
        return new Case(name, fault, Fault.NONE, client, server);
    }

    private static Case fromServer(String name, Fault fault, Failure client, Failure server) {
        return new Case(name, Fault.NONE, fault, client, server);
    }

    static Stream<Case> cases() {
        return Stream.of(
                fromClient("client closes instead of its ClientHello", Fault.closeAt(CLIENT_HELLO),
                        PEER_CLOSED, PEER_CLOSED),
                fromClient("client closes instead of its Finished", Fault.closeAt(CLIENT_FINISHED),
                        CONNECTED, PEER_CLOSED),
                fromServer("server closes instead of its ServerHello", Fault.closeAt(SERVER_HELLO),
                        PEER_CLOSED, PEER_CLOSED),
                fromServer("server closes instead of its Certificate", Fault.closeAt(CERTIFICATE),
                        PEER_CLOSED, PEER_CLOSED),
                fromServer("server closes instead of its CertificateVerify", Fault.closeAt(CERTIFICATE_VERIFY),
                        PEER_CLOSED, PEER_CLOSED),
                fromServer("server closes instead of its Finished", Fault.closeAt(SERVER_FINISHED),
                        PEER_CLOSED, PEER_CLOSED),

                fromClient("ClientHello cut off", Fault.truncate(CLIENT_HELLO, 5), PEER_CLOSED, TRUNCATED),
                fromClient("client Finished cut off", Fault.truncate(CLIENT_FINISHED, 5), CONNECTED, TRUNCATED),
                fromServer("ServerHello cut off", Fault.truncate(SERVER_HELLO, 5), TRUNCATED, PEER_CLOSED),
                fromServer("Certificate cut off", Fault.truncate(CERTIFICATE, 5), TRUNCATED, PEER_CLOSED),
                fromServer("CertificateVerify cut off", Fault.truncate(CERTIFICATE_VERIFY, 5), TRUNCATED,
                        PEER_CLOSED),
                fromServer("server Finished cut off", Fault.truncate(SERVER_FINISHED, 5), TRUNCATED, PEER_CLOSED),

                fromServer("ServerHello dropped", Fault.drop(SERVER_HELLO), UNEXPECTED_MESSAGE, PEER_CLOSED),
                fromServer("Certificate dropped", Fault.drop(CERTIFICATE), UNEXPECTED_MESSAGE, PEER_CLOSED),
                fromServer("CertificateVerify dropped", Fault.drop(CERTIFICATE_VERIFY), UNEXPECTED_MESSAGE,
                        PEER_CLOSED),

                fromClient("ClientHello twice", Fault.duplicate(CLIENT_HELLO), CONNECTED, UNEXPECTED_MESSAGE),
                fromServer("ServerHello twice", Fault.duplicate(SERVER_HELLO), UNEXPECTED_MESSAGE, PEER_CLOSED),
                fromServer("Certificate twice", Fault.duplicate(CERTIFICATE), UNEXPECTED_MESSAGE, PEER_CLOSED),
                fromServer("CertificateVerify twice", Fault.duplicate(CERTIFICATE_VERIFY), UNEXPECTED_MESSAGE,
                        PEER_CLOSED),

                fromServer("Certificate before ServerHello", Fault.swapWithNext(SERVER_HELLO), UNEXPECTED_MESSAGE,
                        PEER_CLOSED),
                fromServer("CertificateVerify before Certificate", Fault.swapWithNext(CERTIFICATE),
                        UNEXPECTED_MESSAGE, PEER_CLOSED),
                fromServer("Finished before CertificateVerify", Fault.swapWithNext(CERTIFICATE_VERIFY),
                        UNEXPECTED_MESSAGE, PEER_CLOSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachSideEndsAsExpected(Case c) {
        Handshakes.Run run = run(c.clientToServer(), c.serverToClient());

        run.assertClient(c.client());
        run.assertServer(c.server());
    }

    @Test
    void aClientThatFailsHasSentOnlyItsClientHello() {
        Handshakes.Run run = run(Fault.NONE, Fault.truncate(CERTIFICATE, 5));

        assertThat(run.clientFailed(TRUNCATED))
                .hasMessage("connection truncated: the peer closed in the middle of a frame");
        assertThat(run.sentByClient()).hasSize(1);
    }

    @Test
    void aRepeatedServerFinishedFailsTheClientsFirstReceive() {
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
    void aRepeatedClientFinishedFailsTheServersFirstReceive() {
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
    void aClientWhoseServerRefusedTheHandshakeSeesTheSessionEnd() {
        Handshakes.Run run = run(Fault.duplicate(CLIENT_HELLO), Fault.NONE);
        run.serverFailed(UNEXPECTED_MESSAGE);

        assertThat(run.clientConnected().receive()).isEmpty();
    }
}
