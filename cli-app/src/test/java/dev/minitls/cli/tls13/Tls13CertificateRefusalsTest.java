package dev.minitls.cli.tls13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.trace.HandshakeObserver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Refusals end to end over sockets: a minitls client refuses the certificate, or the CertificateVerify, of a
 * minitls server (ECDSA P-256 under an intermediate CA, secp256r1) with the alert the server then receives. (Each
 * is also held to its failure below: ChainValidationTest, RealChainValidationTest, HostNamesTest, and the crypto
 * provider contract for BER signatures.)
 */
class Tls13CertificateRefusalsTest {

    private static final ExecutorService PEERS = Executors.newCachedThreadPool();
    private static final MatrixCase SERVER = new MatrixCase(KeyType.ECDSA_P256, NamedGroup.SECP256R1,
            CipherSuite.TLS_AES_128_GCM_SHA256, true);

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    @Test
    void aChainUnderAnUntrustedRootIsUnknownCa() throws Exception {
        String otherRoot = PkiIssuer.issue(Tls13Peers.SERVER_NAME, 1, Clock.systemUTC()).rootCertificatePem();
        assertRefused(client(otherRoot, Tls13Peers.SERVER_NAME), Failure.UNKNOWN_CA, Alert.UNKNOWN_CA);
    }

    @Test
    void aCertificateForAnotherNameIsABadCertificate() throws Exception {
        assertRefused(client(SERVER.pki().rootCertificatePem(), "other.minitls.test"), Failure.NAME_MISMATCH,
                Alert.BAD_CERTIFICATE);
    }

    /**
     * The server's ECDSA signature re-encoded in BER (the SEQUENCE's length in long form): the same r and s, but no
     * DER, which every provider refuses; the client says decrypt_error.
     */
    @Test
    void aCertificateVerifyWithAnEcdsaSignatureInBerIsADecryptError() throws Exception {
        SigningKey der = Tls13Peers.CRYPTO.signingKey(Pem.decode("PRIVATE KEY",
                Tls13Peers.ascii(SERVER.pki().serverPrivateKeyPem())));
        SigningKey ber = new SigningKey() {
            @Override
            public byte[] publicKey() {
                return der.publicKey();
            }

            @Override
            public List<SignatureAlgorithm> algorithms() {
                return der.algorithms();
            }

            @Override
            public byte[] sign(byte[] message) {
                return longFormLength(der.sign(message));
            }

            @Override
            public byte[] sign(SignatureAlgorithm algorithm, byte[] message) {
                return longFormLength(der.sign(algorithm, message));
            }
        };
        ServerConfig server = new ServerConfig(Tls13Peers.CRYPTO, new SecureRandomSource(),
                Tls13Peers.ascii(SERVER.pki().serverChainPem()), ber, HandshakeObserver.NONE,
                EnumSet.of(ProtocolVersion.TLS13), SERVER.settings());
        assertRefused(server, client(SERVER.pki().rootCertificatePem(), Tls13Peers.SERVER_NAME),
                Failure.BAD_SIGNATURE, Alert.DECRYPT_ERROR);
    }

    /** A DER SEQUENCE of under 128 bytes (an ECDSA P-256 signature) with its length in BER's long form. */
    private static byte[] longFormLength(byte[] der) {
        assertThat(der[0]).isEqualTo((byte) 0x30);
        assertThat(der[1] & 0xff).isLessThan(0x80);
        byte[] ber = new byte[der.length + 1];
        ber[0] = 0x30;
        ber[1] = (byte) 0x81;
        System.arraycopy(der, 1, ber, 2, der.length - 1);
        return ber;
    }

    private static ClientConfig client(String rootPem, String serverName) {
        return new ClientConfig(Tls13Peers.CRYPTO, new SecureRandomSource(), Clock.systemUTC(),
                List.of(Tls13Peers.CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, Tls13Peers.ascii(rootPem)))),
                serverName, ProtocolVersion.TLS13, HandshakeObserver.NONE, SERVER.settings());
    }

    /** The client refuses with {@code failure}; the server, mid-handshake, receives {@code alert}. */
    private static void assertRefused(ClientConfig client, Failure failure, Alert alert) throws Exception {
        assertRefused(SERVER.serverConfig(SERVER.settings(), HandshakeObserver.NONE), client, failure, alert);
    }

    /** As {@link #assertRefused(ClientConfig, Failure, Alert)}, with this server. */
    private static void assertRefused(ServerConfig serverConfig, ClientConfig client, Failure failure, Alert alert)
            throws Exception {
        try (ServerSocket listener = Tls13Peers.listener()) {
            Future<Tls13Session> server = PEERS.submit(() -> Tls13ServerHandshake.accept(
                    Tls13Peers.serverRecords(listener.accept()), serverConfig, serverConfig.tls13()));
            assertThatThrownBy(() -> Tls13ClientHandshake.connect(Tls13Peers.clientRecords(
                    new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())), client, client.tls13()))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(failure));
            assertThatThrownBy(() -> server.get(Tls13Peers.DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.ALERT_RECEIVED);
                        assertThat(e.peerAlert()).contains(alert);
                    });
        }
    }
}
