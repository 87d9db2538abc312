package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestCodec;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The protocols the handshake tests run under, as a test parameter: what differs between them for a behaviour they
 * share (their codec and suite, and how a side that refuses the peer's hello ends). A third protocol joins those
 * tests by adding a constant here.
 */
enum TestProtocol {

    /** The seed's protocol: a side that refuses a hello just closes. */
    V1(ProtocolVersion.V1, TestCodec.V1, "X25519", false),
    /** Protocol v2: a side that refuses a hello says why with an alert in clear. */
    V2(ProtocolVersion.V2, TestCodec.V2, V2Handshakes.SUITE, true);

    private final ProtocolVersion version;
    private final TestCodec codec;
    private final String suite;
    private final boolean hasAlerts;

    TestProtocol(ProtocolVersion version, TestCodec codec, String suite, boolean hasAlerts) {
        this.version = version;
        this.codec = codec;
        this.suite = suite;
        this.hasAlerts = hasAlerts;
    }

    /** The number in the hellos' version field. */
    int number() {
        return VersionPolicy.of(version).number();
    }

    /** The one suite this protocol offers. */
    String suite() {
        return suite;
    }

    /** A client of this protocol with the pinned randomness and {@code crypto}, trusting the test root. */
    ClientConfig clientConfig(CryptoProvider crypto) {
        return Handshakes.clientConfig(version, crypto, PKI.root(), TestCertificates.SERVER_NAME,
                HandshakeObserver.NONE);
    }

    /** A handshake between a client of this protocol and the default server, frames altered in flight. */
    Handshakes.Run run(Fault clientToServer, Fault serverToClient) {
        return Handshakes.run(clientConfig(Handshakes.CRYPTO), Handshakes.serverConfig(), clientToServer,
                serverToClient);
    }

    /** Replaces the ClientHello in flight by what {@code change} makes of it. */
    Fault rewriteClientHello(UnaryOperator<ClientHello> change) {
        return Fault.alter(CLIENT_HELLO, frame -> codec.encode(change.apply(
                (ClientHello) codec.decode(frame, MessageType.CLIENT_HELLO))));
    }

    /** Replaces the ServerHello in flight by what {@code change} makes of it. */
    Fault rewriteServerHello(UnaryOperator<ServerHello> change) {
        return Fault.alter(SERVER_HELLO, frame -> codec.encode(change.apply(
                (ServerHello) codec.decode(frame, MessageType.SERVER_HELLO))));
    }

    /** What a side sends when it refuses the peer's hello with {@code alert}: the alert in clear, or nothing. */
    List<byte[]> refusal(Alert alert) {
        return hasAlerts ? List.of(codec.encode(new AlertMessage(alert))) : List.of();
    }

    /**
     * Asserts how the peer of a side that refused its hello with {@code alert} ended: told of the alert, or seeing
     * the connection closed; {@code failed} asserts that side's failure and returns it.
     */
    void assertPeerEnded(Function<Failure, ProtocolException> failed, Alert alert) {
        if (hasAlerts) {
            V2Handshakes.assertToldOf(failed.apply(Failure.ALERT_RECEIVED), alert);
        } else {
            failed.apply(Failure.PEER_CLOSED);
        }
    }
}
