package dev.minitls.cli.tls13;

import static dev.minitls.cli.tls13.Tls13Peers.DEADLINE;
import static dev.minitls.cli.tls13.Tls13Peers.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.pem.Pem;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interoperability matrix against the JDK's TLS 1.3 in this JVM, both directions: every key type × group ×
 * suite × intermediate ({@link MatrixCase#all}). JDK 17 cannot choose groups per socket (its client sends key shares
 * for x25519 and secp256r1 both), so the minitls side chooses the group: the minitls server takes only the case's
 * group, the minitls client offers only it. Each case: the handshake with the JDK's own path and host name checks,
 * a line each way, and the suite and group both sides used.
 */
class JdkMatrixTest {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Map<KeyType, String> JCA_KEY_ALGORITHM = Map.of(KeyType.ED25519, "Ed25519",
            KeyType.ECDSA_P256, "EC", KeyType.RSA_2048, "RSA");
    private static final ExecutorService PEERS = Executors.newCachedThreadPool();

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    @ParameterizedTest(name = "the JDK's client, the minitls server: {0}")
    @MethodSource("dev.minitls.cli.tls13.MatrixCase#all")
    void theJdksClientAndTheMinitlsServer(MatrixCase matrix) throws Exception {
        IssuedMaterial pki = matrix.pki();
        Tls13Peers.Recorded events = new Tls13Peers.Recorded();
        try (ServerSocket listener = Tls13Peers.listener()) {
            Future<String> server = PEERS.submit(() -> {
                Tls13Session session = Tls13ServerHandshake.accept(Tls13Peers.serverRecords(listener.accept()),
                        matrix.serverConfig(matrix.settings(), events), matrix.settings());
                session.send(ascii("minitls echoes: " + Tls13Peers.readLine(session) + "\n"));
                session.close();
                return session.cipherSuite();
            });
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trustManagers(pki), null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(
                    InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout((int) DEADLINE.toMillis());
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3"});
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName(Tls13Peers.SERVER_NAME)));
                socket.setSSLParameters(parameters);
                socket.getOutputStream().write(ascii("from the jdk\n"));
                socket.getOutputStream().flush();
                assertThat(Tls13Peers.readLine(socket.getInputStream())).isEqualTo("minitls echoes: from the jdk");
                assertThat(socket.getSession().getCipherSuite()).isEqualTo(matrix.suite().name());
                assertThat(socket.getSession().getPeerCertificates()).hasSize(matrix.intermediate() ? 2 : 1);
                assertThat(socket.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm())
                        .isEqualTo(JCA_KEY_ALGORITHM.get(matrix.keyType()).replace("Ed25519", "EdDSA"));
            }
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(matrix.suite().name());
        }
        assertThat(MatrixCase.agreedGroup(events.events)).isEqualTo(matrix.exchange());
    }

    @ParameterizedTest(name = "the minitls client, the JDK's server: {0}")
    @MethodSource("dev.minitls.cli.tls13.MatrixCase#all")
    void theMinitlsClientAndTheJdksServer(MatrixCase matrix) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers(matrix), null, null);
        Tls13Peers.Recorded events = new Tls13Peers.Recorded();
        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            Future<String> server = PEERS.submit(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout((int) DEADLINE.toMillis());
                    String line = Tls13Peers.readLine(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(ascii("jdk echoes: " + line + "\n"));
                    out.flush();
                    return socket.getSession().getCipherSuite();
                }
            });
            Tls13Session client = Tls13ClientHandshake.connect(Tls13Peers.clientRecords(
                    new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())),
                    matrix.clientConfig(matrix.settings(), events), matrix.settings());
            assertThat(client.cipherSuite()).isEqualTo(matrix.suite().name());
            client.send(ascii("from minitls\n"));
            assertThat(Tls13Peers.readLine(client)).isEqualTo("jdk echoes: from minitls");
            client.close();
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(matrix.suite().name());
        }
        assertThat(MatrixCase.agreedGroup(events.events)).isEqualTo(matrix.exchange());
        assertThat(Tls13Peers.helloRetryRequested(events.events)).as("the JDK takes the one share offered").isFalse();
    }

    private static TrustManager[] trustManagers(IssuedMaterial pki) throws Exception {
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("root", Tls13Peers.x509(pki.rootCertificatePem()));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        return trust.getTrustManagers();
    }

    /** The JDK server's key and chain: the server's certificate, the intermediate's if any, the root's. */
    private static KeyManager[] keyManagers(MatrixCase matrix) throws Exception {
        IssuedMaterial pki = matrix.pki();
        PrivateKey key = KeyFactory.getInstance(JCA_KEY_ALGORITHM.get(matrix.keyType())).generatePrivate(
                new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", ascii(pki.serverPrivateKeyPem()))));
        List<Certificate> chain = new ArrayList<>(List.of(Tls13Peers.x509(pki.serverCertificatePem())));
        if (pki.intermediate().isPresent()) {
            chain.add(Tls13Peers.x509(pki.intermediate().get().certificatePem()));
        }
        chain.add(Tls13Peers.x509(pki.rootCertificatePem()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, STORE_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        return keys.getKeyManagers();
    }
}
