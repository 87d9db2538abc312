package dev.minitls.cli.tls13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS 1.3 server under an intermediate CA: root -> intermediate -> server, Ed25519 throughout, the server's
 * certificate file holding the server's certificate and the intermediate's, the client trusting the root only. The
 * JDK's client and minitls's both complete the handshake; without the intermediate, minitls refuses (unknown_ca).
 */
class Tls13ChainTest {

    private static final String SERVER_NAME = "chain.minitls.test";
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final ExecutorService PEERS = Executors.newCachedThreadPool();
    private static final Endpoints ENDPOINTS = Wiring.endpoints(CryptoChoice.fast);

    @TempDir
    static Path dir;
    private static Path rootFile;
    private static Path bundleFile;
    private static Path chainFile;
    private static Path leafFile;
    private static Path keyFile;
    private static String rootPem;

    @BeforeAll
    static void issueTheChain() throws Exception {
        KeyPair rootKey = ed25519();
        KeyPair intermediateKey = ed25519();
        KeyPair serverKey = ed25519();
        rootPem = certificate("CN=chain test root", rootKey, "CN=chain test root", rootKey, true, null);
        String intermediatePem = certificate("CN=chain test intermediate", intermediateKey, "CN=chain test root",
                rootKey, true, null);
        String serverPem = certificate("CN=" + SERVER_NAME, serverKey, "CN=chain test intermediate",
                intermediateKey, false, SERVER_NAME);
        KeyPair otherRootKey = ed25519();
        String otherRootPem = certificate("CN=another root", otherRootKey, "CN=another root", otherRootKey, true,
                null);
        rootFile = write("root.pem", rootPem);
        bundleFile = write("bundle.pem", otherRootPem + "\n" + rootPem);
        chainFile = write("chain.pem", serverPem + intermediatePem);
        leafFile = write("leaf.pem", serverPem);
        keyFile = write("server-key.pem", Pem.encode("PRIVATE KEY", serverKey.getPrivate().getEncoded()));
    }

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    @Test
    void theJdksClientTrustingTheRootOnlyCompletesTheHandshake() throws Exception {
        try (ServerSocket listener = listener()) {
            Future<String> server = serveOneEcho(listener, chainFile);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore roots = KeyStore.getInstance("PKCS12");
            roots.load(null, null);
            roots.setCertificateEntry("root", (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(rootPem.getBytes(StandardCharsets.US_ASCII))));
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
                socket.getOutputStream().write("from the jdk\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                assertThat(Tls13Peers.readLine(socket.getInputStream())).isEqualTo("from the jdk");
                assertThat(socket.getSession().getPeerCertificates()).hasSize(2);
            }
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("from the jdk\n");
        }
    }

    @Test
    void theMinitlsClientTrustingABundleCompletesTheHandshake() throws Exception {
        try (ServerSocket listener = listener()) {
            Future<String> server = serveOneEcho(listener, chainFile);
            Tls13Session client = connect(listener.getLocalPort(), bundleFile);
            client.send("from minitls\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.receive().orElseThrow(), StandardCharsets.US_ASCII))
                    .isEqualTo("from minitls\n");
            client.close();
            assertThat(server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("from minitls\n");
        }
    }

    @Test
    void withoutTheIntermediateTheMinitlsClientRefusesWithUnknownCa() throws Exception {
        try (ServerSocket listener = listener()) {
            Future<String> server = serveOneEcho(listener, leafFile);
            assertThatThrownBy(() -> connect(listener.getLocalPort(), rootFile))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.UNKNOWN_CA);
                        assertThat(e).hasMessage("certificate rejected: issued by \"CN=chain test intermediate\", "
                                + "not by the trusted root CA CN=chain test root");
                    });
            assertThat(server).failsWithin(DEADLINE);
        }
    }

    @Test
    void theServersChainFileIsReadLeafFirst() {
        ServerConfig config = serverConfig(chainFile);

        assertThat(config.chain()).hasSize(2).first().isEqualTo(Pem.decode(Pem.CERTIFICATE, leafPemBytes()));
    }

    @Test
    void aRootFileWithSomethingThatCannotBeARootNamesTheCertificate() throws Exception {
        Path withLeaf = write("with-leaf.pem", rootPem + Files.readString(leafFile));

        assertThatThrownBy(() -> ENDPOINTS.trustAnchors(withLeaf)).isInstanceOf(UserError.class)
                .hasMessage(withLeaf + " (certificate 2): the trusted root CA CN=" + SERVER_NAME
                        + " is not a CA (BasicConstraints CA:false)");
    }

    private static byte[] leafPemBytes() {
        try {
            return Files.readAllBytes(leafFile);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerConfig serverConfig(Path certificateFile) {
        return ENDPOINTS.serverConfig(certificateFile, keyFile, EnumSet.allOf(ProtocolVersion.class),
                HandshakeObserver.NONE);
    }

    /** Serves one TLS 1.3 connection sending the certificates of {@code certificateFile}; echoes one record. */
    private static Future<String> serveOneEcho(ServerSocket listener, Path certificateFile) {
        ServerConfig config = serverConfig(certificateFile);
        return PEERS.submit(() -> {
            Socket socket = listener.accept();
            Tls13Session session = Tls13ServerHandshake.accept(
                    SocketTls13Records.server(socket, ENDPOINTS.crypto(), DEADLINE, DEADLINE), config,
                    Tls13Settings.DEFAULT);
            byte[] line = session.receive().orElseThrow();
            session.send(line);
            session.close();
            return new String(line, StandardCharsets.US_ASCII);
        });
    }

    private static Tls13Session connect(int port, Path roots) throws Exception {
        ClientConfig config = ENDPOINTS.clientConfig(roots, SERVER_NAME, ProtocolVersion.V2, HandshakeObserver.NONE);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        return Tls13ClientHandshake.connect(SocketTls13Records.client(socket, ENDPOINTS.crypto(), DEADLINE,
                DEADLINE), config, Tls13Settings.DEFAULT);
    }

    private static ServerSocket listener() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static String certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
            boolean ca, String dnsName) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), new X500Name(subject),
                subjectKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (dnsName != null) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        }
        byte[] der = builder.build(new JcaContentSignerBuilder("Ed25519").build(issuerKey.getPrivate())).getEncoded();
        return Pem.encode(Pem.CERTIFICATE, der);
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }
}
