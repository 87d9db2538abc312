package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the handshake's messages reach the transport: the server's flight (ServerHello, Certificate,
 * CertificateVerify, Finished) in one write, the client's Finished on its own before {@code connect} returns, and
 * application data at once, one record per write. A flight cut short by a failure still goes out, before the alert.
 */
class FlightTest {

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void theServersFlightLeavesInOneWriteAndTheClientsFinishedBeforeConnectReturns(ProtocolVersion protocol) {
        Handshakes.Run run = Handshakes.run(Handshakes.clientConfig(protocol, PKI.root(), HandshakeObserver.NONE),
                Handshakes.serverConfig(), Fault.NONE, Fault.NONE);
        SecureChannel client = run.clientConnected();
        SecureChannel server = run.serverConnected();

        assertThat(run.transport().client().writes()).as("ClientHello, then Finished").containsExactly(1, 1);
        assertThat(run.transport().server().writes()).as("ServerHello to Finished").containsExactly(4);

        client.send("ping".getBytes(StandardCharsets.UTF_8));
        assertThat(server.receive()).hasValue("ping".getBytes(StandardCharsets.UTF_8));
        server.send("pong".getBytes(StandardCharsets.UTF_8));
        assertThat(client.receive()).hasValue("pong".getBytes(StandardCharsets.UTF_8));
        assertThat(run.transport().client().writes()).as("then one record").containsExactly(1, 1, 1);
        assertThat(run.transport().server().writes()).as("then one record").containsExactly(4, 1);
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void aFlightCutShortByAFailureGoesOutBeforeTheAlert(ProtocolVersion protocol) {
        SigningKey broken = new SigningKey() {
            @Override
            public byte[] publicKey() {
                return CRYPTO.ed25519SigningKey(PKI.serverKey()).publicKey();
            }

            @Override
            public byte[] sign(byte[] message) {
                throw new IllegalStateException("the key store went away");
            }
        };
        Handshakes.Run run = Handshakes.run(Handshakes.clientConfig(protocol, PKI.root(), HandshakeObserver.NONE),
                Handshakes.serverConfig(PKI.serverPem(), broken, HandshakeObserver.NONE), Fault.NONE, Fault.NONE);

        assertThat(run.both().server().failure()).hasMessage("the key store went away");
        assertThat(run.transport().server().isClosed()).isTrue();
        if (protocol == ProtocolVersion.V2) {
            assertThat(run.transport().server().writes()).as("ServerHello and Certificate, then internal_error")
                    .containsExactly(2, 1);
            ProtocolException told = run.clientFailed(Failure.ALERT_RECEIVED);
            assertThat(told.peerAlert()).hasValue(Alert.INTERNAL_ERROR);
        } else {
            assertThat(run.transport().server().writes()).as("ServerHello and Certificate; v1 has no alerts")
                    .containsExactly(2);
            run.clientFailed(Failure.PEER_CLOSED);
        }
    }
}
