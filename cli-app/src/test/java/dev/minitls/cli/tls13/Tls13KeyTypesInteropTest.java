package dev.minitls.cli.tls13;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.crypto.fast.FastCryptoProvider;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.3 with the JDK in the same JVM, both directions, for servers with ECDSA P-256 and RSA-2048 keys as
 * {@code minitls certs --key-type} makes them, with and without an intermediate CA: the server's chain, its
 * signature scheme and the JDK's own path and host name checks. (Ed25519: {@link Tls13InteropTest}.)
 */
class Tls13KeyTypesInteropTest {

    private static final String SERVER_NAME = "tls13.minitls.test";
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final CryptoProvider CRYPTO = new FastCryptoProvider();
    private static final ExecutorService PEERS = Executors.newCachedThreadPool();
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Map<KeyType, Map<Boolean, IssuedMaterial>> ISSUED = new EnumMap<>(KeyType.class);

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    static Stream<Arguments> ecdsaAndRsaWithAndWithoutAnIntermediate() {
        return Stream.of(KeyType.ECDSA_P256, KeyType.RSA_2048).flatMap(type -> Stream.of(Arguments.of(type, false),
                Arguments.of(type, true)));
    }

    /** One PKI per key type and layout, issued once: RSA key generation is slow. */
    private static synchronized IssuedMaterial pki(KeyType type, boolean intermediate) {
        return ISSUED.computeIfAbsent(type, any -> new HashMap<>()).computeIfAbsent(intermediate,
                any -> PkiIssuer.issue(SERVER_NAME, 1, Clock.systemUTC(), type, intermediate));
    }

    @ParameterizedTest
    @MethodSource("ecdsaAndRsaWithAndWithoutAnIntermediate")
    void theJdksClientTalksToTheMinitlsServerCheckingItsChainAndName(KeyType type, boolean intermediate)
            throws Exception {
        IssuedMaterial pki = pki(type, intermediate);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<String> server = PEERS.submit(() -> {
                Tls13Session session = Tls13ServerHandshake.accept(
                        SocketTls13Records.server(listener.accept(), CRYPTO, DEADLINE, DEADLINE), serverConfig(pki),
                        Tls13Settings.DEFAULT);
                byte[] line = session.receive().orElseThrow();
                session.send(line);
                session.close();
                return session.cipherSuite();
            });
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore roots = KeyStore.getInstance("PKCS12");
            roots.load(null, null);
            roots.setCertificateEntry("root", x509(pki.rootCertificatePem()));
            trust.init(roots);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trust.getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(
                    InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout((int) DEADLINE.toMillis());
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3"});
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName(SERVER_NAME)));
                socket.setSSLParameters(parameters);
                socket.getOutputStream().write(ascii("from the jdk\n"));
                socket.getOutputStream().flush();
                assertThat(readLine(socket.getInputStream())).isEqualTo("from the jdk");
                assertThat(socket.getSession().getPeerCertificates()).hasSize(intermediate ? 2 : 1);
                assertThat(socket.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm())
                        .isEqualTo(type == KeyType.RSA_2048 ? "RSA" : "EC");
            }
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("TLS_AES_128_GCM_SHA256");
        }
    }

    @ParameterizedTest
    @MethodSource("ecdsaAndRsaWithAndWithoutAnIntermediate")
    void minitlsClientTalksToTheJdksServer(KeyType type, boolean intermediate) throws Exception {
        IssuedMaterial pki = pki(type, intermediate);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers(type, pki), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
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
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            ClientConfig config = new ClientConfig(CRYPTO, new SecureRandomSource(), Clock.systemUTC(),
                    CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, ascii(pki.rootCertificatePem()))),
                    SERVER_NAME, ProtocolVersion.V2, HandshakeObserver.NONE);
            Tls13Session client = Tls13ClientHandshake.connect(
                    SocketTls13Records.client(socket, CRYPTO, DEADLINE, DEADLINE), config, Tls13Settings.DEFAULT);
            client.send(ascii("from minitls\n"));
            StringBuilder echoed = new StringBuilder();
            Optional<byte[]> data;
            while (!echoed.toString().endsWith("\n") && (data = client.receive()).isPresent()) {
                echoed.append(new String(data.get(), StandardCharsets.US_ASCII));
            }
            assertThat(echoed).hasToString("jdk echoes: from minitls\n");
            client.close();
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("TLS_AES_128_GCM_SHA256");
        }
    }

    private static ServerConfig serverConfig(IssuedMaterial pki) {
        return new ServerConfig(CRYPTO, new SecureRandomSource(), ascii(pki.serverChainPem()),
                CRYPTO.signingKey(Pem.decode("PRIVATE KEY", ascii(pki.serverPrivateKeyPem()))),
                HandshakeObserver.NONE);
    }

    /** The JDK server's key and chain: the server's certificate, the intermediate's if any, the root's. */
    private static javax.net.ssl.KeyManager[] keyManagers(KeyType type, IssuedMaterial pki) throws Exception {
        PrivateKey key = KeyFactory.getInstance(type == KeyType.RSA_2048 ? "RSA" : "EC").generatePrivate(
                new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", ascii(pki.serverPrivateKeyPem()))));
        List<Certificate> chain = new ArrayList<>(List.of(x509(pki.serverCertificatePem())));
        if (pki.intermediate().isPresent()) {
            chain.add(x509(pki.intermediate().get().certificatePem()));
        }
        chain.add(x509(pki.rootCertificatePem()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, STORE_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        return keys.getKeyManagers();
    }

    private static X509Certificate x509(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Pem.decode("CERTIFICATE", ascii(pem))));
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
