package dev.minitls.cli.tls13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.3 on real sockets: minitls with itself, and with the JDK's own TLS 1.3 in both directions, for each of the
 * three suites, with an Ed25519 certificate as {@code minitls certs} makes it and the JDK's host name check on.
 */
class Tls13InteropTest {

    private static final String SERVER_NAME = Tls13Peers.SERVER_NAME;
    private static final Duration DEADLINE = Tls13Peers.DEADLINE;
    private static final CryptoProvider CRYPTO = Tls13Peers.CRYPTO;
    private static final IssuedMaterial PKI = Tls13Peers.PKI;
    private static final ExecutorService PEERS = Executors.newCachedThreadPool();
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    static List<String> suites() {
        return List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    }

    @ParameterizedTest
    @MethodSource("suites")
    void minitlsClientAndServerEchoAndUpdateKeysBothWays(String suiteName) throws Exception {
        CipherSuite suite = suite(suiteName);
        try (ServerSocket listener = listener()) {
            Future<String> server = PEERS.submit(() -> {
                Socket socket = listener.accept();
                Tls13Session session =
                        Tls13ServerHandshake.accept(serverRecords(socket), serverConfig(), Tls13Settings.DEFAULT);
                byte[] first = session.receive().orElseThrow();
                session.send(first);
                session.requestKeyUpdate();
                byte[] second = session.receive().orElseThrow();
                session.send(second);
                assertThat(session.receive()).isEmpty();
                session.close();
                return session.cipherSuite();
            });
            Tls13Session client = connect(listener.getLocalPort(), Tls13Settings.only(suite));
            assertThat(client.cipherSuite()).isEqualTo(suiteName);
            client.send(ascii("hello over TLS 1.3"));
            assertThat(text(client.receive())).isEqualTo("hello over TLS 1.3");
            client.requestKeyUpdate();
            client.send(ascii("after both key updates"));
            assertThat(text(client.receive())).isEqualTo("after both key updates");
            client.close();
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(suiteName);
        }
    }

    @Test
    void theServerChoosesTheSuiteByItsOwnPreference() throws Exception {
        try (ServerSocket listener = listener()) {
            Tls13Settings serverPrefers = new Tls13Settings(List.of(CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                    CipherSuite.TLS_AES_128_GCM_SHA256), Tls13Settings.DEFAULT.groups());
            Future<String> server = PEERS.submit(() -> {
                Tls13Session session =
                        Tls13ServerHandshake.accept(serverRecords(listener.accept()), serverConfig(), serverPrefers);
                session.close();
                return session.cipherSuite();
            });
            Tls13Session client = connect(listener.getLocalPort(), Tls13Settings.DEFAULT);
            assertThat(client.cipherSuite()).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
            assertThat(client.receive()).isEmpty();
            client.close();
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
        }
    }

    @Test
    void noSuiteInCommonIsRefusedWithHandshakeFailureOnBothSides() throws Exception {
        try (ServerSocket listener = listener()) {
            Future<Throwable> server = PEERS.submit(() -> {
                try {
                    Tls13ServerHandshake.accept(serverRecords(listener.accept()),
                            serverConfig(), Tls13Settings.only(CipherSuite.TLS_AES_256_GCM_SHA384));
                    return null;
                } catch (ProtocolException e) {
                    return e;
                }
            });
            assertThatThrownBy(() -> connect(listener.getLocalPort(),
                    Tls13Settings.only(CipherSuite.TLS_AES_128_GCM_SHA256)))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.peerAlert()).contains(Alert.HANDSHAKE_FAILURE));
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.NO_SHARED_PARAMETERS));
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void minitlsClientTalksToTheJdksServer(String suiteName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers(), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setEnabledCipherSuites(new String[] {suiteName});
            Future<String> server = PEERS.submit(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout((int) DEADLINE.toMillis());
                    String line = readLine(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(ascii("jdk echoes: " + line + "\n"));
                    out.flush();
                    return socket.getSession().getCipherSuite();
                }
            });
            Tls13Session client = connect(listener.getLocalPort(), Tls13Settings.DEFAULT);
            client.send(ascii("from minitls\n"));
            StringBuilder echoed = new StringBuilder();
            Optional<byte[]> data;
            while (!echoed.toString().endsWith("\n") && (data = client.receive()).isPresent()) {
                echoed.append(new String(data.get(), StandardCharsets.US_ASCII));
            }
            assertThat(echoed).hasToString("jdk echoes: from minitls\n");
            assertThat(client.cipherSuite()).isEqualTo(suiteName);
            // The JDK's close waits for our close_notify.
            client.close();
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(suiteName);
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void theJdksClientTalksToTheMinitlsServerWithHostNameVerification(String suiteName) throws Exception {
        try (ServerSocket listener = listener()) {
            Future<String> server = PEERS.submit(() -> {
                Tls13Session session = Tls13ServerHandshake.accept(serverRecords(listener.accept()), serverConfig(),
                        Tls13Settings.DEFAULT);
                byte[] line = session.receive().orElseThrow();
                session.send(line);
                session.close();
                return session.cipherSuite();
            });
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore roots = KeyStore.getInstance("PKCS12");
            roots.load(null, null);
            roots.setCertificateEntry("root", x509(PKI.rootCertificatePem()));
            trust.init(roots);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trust.getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(
                    InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout((int) DEADLINE.toMillis());
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3"});
                parameters.setCipherSuites(new String[] {suiteName});
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(SERVER_NAME)));
                socket.setSSLParameters(parameters);
                socket.getOutputStream().write(ascii("from the jdk\n"));
                socket.getOutputStream().flush();
                assertThat(readLine(socket.getInputStream())).isEqualTo("from the jdk");
                assertThat(socket.getSession().getCipherSuite()).isEqualTo(suiteName);
            }
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(suiteName);
        }
    }

    private static Tls13Session connect(int port, Tls13Settings settings) throws Exception {
        return Tls13Peers.connect(port, settings);
    }

    private static SocketTls13Records serverRecords(Socket socket) {
        return SocketTls13Records.server(socket, CRYPTO, DEADLINE, DEADLINE);
    }

    private static ServerConfig serverConfig() {
        return Tls13Peers.serverConfig(HandshakeObserver.NONE);
    }

    private static ServerSocket listener() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static javax.net.ssl.KeyManager[] keyManagers() throws Exception {
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", ascii(PKI.serverPrivateKeyPem()))));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, STORE_PASSWORD, new Certificate[] {x509(PKI.serverCertificatePem()),
                x509(PKI.rootCertificatePem())});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        return keys.getKeyManagers();
    }

    private static X509Certificate x509(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Pem.decode("CERTIFICATE", ascii(pem))));
    }

    private static CipherSuite suite(String name) {
        return Tls13Settings.DEFAULT.suites().stream().filter(suite -> suite.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    private static String text(Optional<byte[]> data) {
        return new String(data.orElseThrow(), StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
