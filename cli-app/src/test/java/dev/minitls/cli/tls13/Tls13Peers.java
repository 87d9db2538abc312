package dev.minitls.cli.tls13;

import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.crypto.fast.FastCryptoProvider;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The minitls side of the TLS 1.3 interoperability tests, at the level of the domain's handshakes over
 * {@link SocketTls13Records}: one Ed25519 PKI as {@code minitls certs} makes it, a client and a server configuration.
 */
final class Tls13Peers {

    static final String SERVER_NAME = "tls13.minitls.test";
    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final CryptoProvider CRYPTO = new FastCryptoProvider();
    static final IssuedMaterial PKI = PkiIssuer.issue(SERVER_NAME, 1, Clock.systemUTC());

    private Tls13Peers() {
    }

    /** A minitls client's handshake with the server at {@code port} on the loopback address, untraced. */
    static Tls13Session connect(int port, Tls13Settings settings) throws IOException {
        return connect(port, settings, HandshakeObserver.NONE);
    }

    /** A minitls client's handshake with the server at {@code port} on the loopback address. */
    static Tls13Session connect(int port, Tls13Settings settings, HandshakeObserver observer) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        dev.minitls.domain.cert.Certificate root =
                CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, ascii(PKI.rootCertificatePem())));
        ClientConfig config = new ClientConfig(CRYPTO, new SecureRandomSource(), Clock.systemUTC(), root, SERVER_NAME,
                ProtocolVersion.V2, observer);
        return Tls13ClientHandshake.connect(clientRecords(socket), config, settings);
    }

    static SocketTls13Records clientRecords(Socket socket) {
        return SocketTls13Records.client(socket, CRYPTO, DEADLINE, DEADLINE);
    }

    /** Whether an {@code openssl} executable is on the PATH (the OpenSSL tests are skipped otherwise). */
    static boolean opensslOnPath() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty()).anyMatch(entry -> Files.isExecutable(Path.of(entry, "openssl")));
    }

    /** Whether {@code events} show a HelloRetryRequest, sent or received. */
    static boolean helloRetryRequested(List<TraceEvent> events) {
        return events.stream().map(TraceEvent::event).anyMatch(event ->
                (event instanceof Event.Tls13MessageSent sent ? sent.message()
                        : event instanceof Event.Tls13MessageReceived received ? received.message() : null)
                        instanceof ServerHello hello && hello.isHelloRetryRequest());
    }

    /** An observer that keeps every event, from any thread, and lets a test wait for one. */
    static final class Recorded implements HandshakeObserver {
        final List<TraceEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void onEvent(TraceEvent event) {
            events.add(event);
            notifyAll();
        }

        /** Waits, {@link #DEADLINE} at most, until an event {@code wanted} has been told. */
        synchronized void await(Predicate<Event> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (events.stream().map(TraceEvent::event).noneMatch(wanted)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such event within " + DEADLINE + ": " + events);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    static SocketTls13Records serverRecords(Socket socket) {
        return SocketTls13Records.server(socket, CRYPTO, DEADLINE, DEADLINE);
    }

    static ServerConfig serverConfig(HandshakeObserver observer) {
        return new ServerConfig(CRYPTO, new SecureRandomSource(), ascii(PKI.serverCertificatePem()),
                CRYPTO.signingKey(Pem.decode("PRIVATE KEY", ascii(PKI.serverPrivateKeyPem()))), observer);
    }

    static ServerSocket listener() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /** The suite minitls calls {@code name} (the RFC's name, which OpenSSL and the JDK use too). */
    static CipherSuite suite(String name) {
        return Tls13Settings.DEFAULT.suites().stream().filter(suite -> suite.name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** The three suites by name, for parameterised tests. */
    static List<String> suiteNames() {
        return Tls13Settings.DEFAULT.suites().stream().map(CipherSuite::name).toList();
    }

    /** The next line {@code session} receives, without its end; data after the line in the same records is lost. */
    static String readLine(Tls13Session session) {
        StringBuilder line = new StringBuilder();
        while (line.indexOf("\n") < 0) {
            line.append(new String(session.receive().orElseThrow(), StandardCharsets.US_ASCII));
        }
        return line.substring(0, line.indexOf("\n"));
    }

    /** The next line {@code in} gives, without its end (a JDK socket's stream: it reads byte by byte). */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    /** The certificate of one PEM block, as the JDK reads it. */
    static X509Certificate x509(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Pem.decode(Pem.CERTIFICATE, ascii(pem))));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
