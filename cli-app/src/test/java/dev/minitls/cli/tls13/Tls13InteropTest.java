package dev.minitls.cli.tls13;

import static dev.minitls.cli.tls13.Tls13Peers.ascii;
import static dev.minitls.cli.tls13.Tls13Peers.suite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.support.Subprocess;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.3 on real sockets: minitls with itself, and with the JDK's own TLS 1.3 in both directions, for each of the
 * three suites, with an Ed25519 certificate as {@code minitls certs} makes it and the JDK's host name check on.
 */
class Tls13InteropTest {

    private static final String SERVER_NAME = Tls13Peers.SERVER_NAME;
    private static final Duration DEADLINE = Tls13Peers.DEADLINE;
    private static final IssuedMaterial PKI = Tls13Peers.PKI;
    private static final ExecutorService PEERS = Executors.newCachedThreadPool();
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("dev.minitls.cli.tls13.Tls13Peers#suiteNames")
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
    @MethodSource("dev.minitls.cli.tls13.Tls13Peers#suiteNames")
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
                    String line = Tls13Peers.readLine(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(ascii("jdk echoes: " + line + "\n"));
                    out.flush();
                    return socket.getSession().getCipherSuite();
                }
            });
            Tls13Session client = connect(listener.getLocalPort(), Tls13Settings.DEFAULT);
            client.send(ascii("from minitls\n"));
            assertThat(Tls13Peers.readLine(client)).isEqualTo("jdk echoes: from minitls");
            assertThat(client.cipherSuite()).isEqualTo(suiteName);
            // The JDK's close waits for our close_notify.
            client.close();
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(suiteName);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.minitls.cli.tls13.Tls13Peers#suiteNames")
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
            try (SSLSocket socket = jdkClient(listener.getLocalPort(), suiteName)) {
                socket.getOutputStream().write(ascii("from the jdk\n"));
                socket.getOutputStream().flush();
                assertThat(Tls13Peers.readLine(socket.getInputStream())).isEqualTo("from the jdk");
                assertThat(socket.getSession().getCipherSuite()).isEqualTo(suiteName);
            }
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(suiteName);
        }
    }

    // HelloRetryRequest with the JDK. JDK 17 sends a key share for its first XDH group and its first ECDHE group
    // (x25519 and secp256r1 by default), so it only meets a HelloRetryRequest with groups set for its whole JVM
    // (jdk.tls.namedGroups): the JDK runs in a JVM of its own (JdkTls13Peer).

    @Test
    void aJdkClientWhoseOnlyShareTheServerDoesNotTakeCompletesAfterAHelloRetryRequest() throws Exception {
        Tls13Peers.Recorded serverEvents = new Tls13Peers.Recorded();
        Path trust = dir.resolve("trust.p12");
        store(rootStore(), trust);
        try (ServerSocket listener = listener()) {
            Future<String> server = PEERS.submit(() -> {
                // The JDK offers secp384r1 (its one share) and secp256r1; this server takes secp256r1 only.
                Tls13Session session = Tls13ServerHandshake.accept(serverRecords(listener.accept()),
                        Tls13Peers.serverConfig(serverEvents),
                        Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.SECP256R1)));
                session.send(session.receive().orElseThrow());
                session.close();
                return session.cipherSuite();
            });
            try (Subprocess jdk = jdkPeer("secp384r1,secp256r1", "client", String.valueOf(listener.getLocalPort()),
                    trust.toString(), new String(STORE_PASSWORD), SERVER_NAME, "TLS_AES_128_GCM_SHA256")) {
                jdk.awaitStdout(Pattern.compile("ECHOED from the jdk"));
                assertThat(jdk.awaitExit()).as(jdk.printed()).isZero();
            }
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("TLS_AES_128_GCM_SHA256");
        }
        assertThat(Tls13Peers.helloRetryRequested(serverEvents.events)).isTrue();
    }

    @Test
    void theMinitlsClientRetriesWithTheGroupAJdkServerTakes() throws Exception {
        Path keys = dir.resolve("server.p12");
        store(serverStore(), keys);
        Tls13Peers.Recorded clientEvents = new Tls13Peers.Recorded();
        try (Subprocess jdk = jdkPeer("secp256r1", "server", keys.toString(), new String(STORE_PASSWORD),
                "TLS_CHACHA20_POLY1305_SHA256")) {
            int port = Integer.parseInt(jdk.awaitStdout(Pattern.compile("LISTENING (\\d+)")).group(1));
            // Our one share is x25519, secp256r1 second: the JDK server, secp256r1 only, asks for that.
            Tls13Session client = Tls13Peers.connect(port, Tls13Settings.DEFAULT.withGroups(
                    List.of(NamedGroup.X25519, NamedGroup.SECP256R1)), clientEvents);
            client.send(ascii("from minitls\n"));
            assertThat(Tls13Peers.readLine(client)).isEqualTo("jdk echoes: from minitls");
            client.close();
            assertThat(jdk.awaitExit()).as(jdk.printed()).isZero();
        }
        assertThat(Tls13Peers.helloRetryRequested(clientEvents.events)).isTrue();
    }

    /** {@link JdkTls13Peer} in a JVM of its own whose JDK offers {@code groups} only. */
    private Subprocess jdkPeer(String groups, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.tls.namedGroups=" + groups, "-cp", System.getProperty("java.class.path"),
                JdkTls13Peer.class.getName()));
        command.addAll(List.of(args));
        return Subprocess.start(dir, command);
    }

    private static void store(KeyStore store, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD);
        }
    }

    private static Tls13Session connect(int port, Tls13Settings settings) throws Exception {
        return Tls13Peers.connect(port, settings, HandshakeObserver.NONE);
    }

    private static SocketTls13Records serverRecords(Socket socket) {
        return Tls13Peers.serverRecords(socket);
    }

    private static ServerConfig serverConfig() {
        return Tls13Peers.serverConfig(HandshakeObserver.NONE);
    }

    private static ServerSocket listener() throws Exception {
        return Tls13Peers.listener();
    }

    /** A JDK TLS 1.3 client of {@code suite} that trusts the root, with host name verification, not yet connected. */
    static SSLSocket jdkClient(int port, String suite) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(rootStore());
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) DEADLINE.toMillis());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        parameters.setCipherSuites(new String[] {suite});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(SERVER_NAME)));
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** A key store trusting the root. */
    private static KeyStore rootStore() throws Exception {
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("root", Tls13Peers.x509(PKI.rootCertificatePem()));
        return roots;
    }

    static javax.net.ssl.KeyManager[] keyManagers() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverStore(), STORE_PASSWORD);
        return keys.getKeyManagers();
    }

    /** A key store with the server's key and chain. */
    private static KeyStore serverStore() throws Exception {
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", ascii(PKI.serverPrivateKeyPem()))));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, STORE_PASSWORD, new Certificate[] {Tls13Peers.x509(PKI.serverCertificatePem()),
                Tls13Peers.x509(PKI.rootCertificatePem())});
        return store;
    }

    private static String text(Optional<byte[]> data) {
        return new String(data.orElseThrow(), StandardCharsets.US_ASCII);
    }
}
