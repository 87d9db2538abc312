package dev.minitls.crypto.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.crypto.fast.FastCryptoProvider;
import dev.minitls.crypto.jca.JcaCryptoProvider;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import dev.minitls.testing.TestPeers;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whole handshakes with a real crypto provider and real X.509 certificates, in memory ({@link FakeTransport}, the
 * domain's {@link TestCodec}), and the assertions on how each side ended.
 */
final class RealHandshakes {

    static final List<CryptoProvider> PROVIDERS = List.of(new BcCryptoProvider(), new JcaCryptoProvider(),
            new FastCryptoProvider());

    private RealHandshakes() {
    }

    /** The providers, as a parameter source. */
    static Stream<CryptoProvider> providers() {
        return PROVIDERS.stream();
    }

    /** One handshake; the server sends {@code serverPem} with the key of {@code serverSeed}. */
    static Outcome run(CryptoProvider crypto, ProtocolVersion protocol, byte[] trustedRootPem, byte[] serverPem,
            byte[] serverSeed, Fault clientToServer, Fault serverToClient) {
        ClientConfig client = new ClientConfig(crypto, new SecureRandomSource(),
                Clock.fixed(X509Certificates.NOW, ZoneOffset.UTC),
                crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, trustedRootPem)), X509Certificates.SERVER_NAME, protocol, HandshakeObserver.NONE);
        ServerConfig server = new ServerConfig(crypto, new SecureRandomSource(), serverPem,
                crypto.ed25519SigningKey(serverSeed), HandshakeObserver.NONE);
        FakeTransport transport = FakeTransport.withFaults(clientToServer, serverToClient);
        return new Outcome(transport, TestPeers.handshake(transport, TestCodec.formats(), client, server));
    }

    /** Both sides' results. */
    record Outcome(FakeTransport transport, TestPeers.Both both) {

        ProtocolException clientFailed(Failure failure) {
            return failed("client", both.client(), transport.client(), failure);
        }

        ProtocolException serverFailed(Failure failure) {
            return failed("server", both.server(), transport.server(), failure);
        }

        /** In v2 the peer that did not fail was told {@code alert}; in v1 it saw the connection close. */
        void serverToldOrClosed(ProtocolVersion protocol, Alert alert) {
            if (protocol == ProtocolVersion.V2) {
                assertThat(serverFailed(Failure.ALERT_RECEIVED).peerAlert()).hasValue(alert);
            } else {
                serverFailed(Failure.PEER_CLOSED);
            }
        }

        void clientToldOrClosed(ProtocolVersion protocol, Alert alert) {
            if (protocol == ProtocolVersion.V2) {
                assertThat(clientFailed(Failure.ALERT_RECEIVED).peerAlert()).hasValue(alert);
            } else {
                clientFailed(Failure.PEER_CLOSED);
            }
        }

        private static ProtocolException failed(String side, TestPeers.Outcome outcome, FakeTransport.Endpoint end,
                Failure failure) {
            assertThat(outcome.failure()).as("the %s's failure", side).isInstanceOf(ProtocolException.class);
            ProtocolException e = (ProtocolException) outcome.failure();
            assertThat(e.failure()).as("the %s's failure (%s)", side, e.getMessage()).isEqualTo(failure);
            assertThat(end.isClosed()).as("the %s closed its connection", side).isTrue();
            return e;
        }
    }
}
