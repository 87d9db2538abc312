package dev.minitls.cli.tls13;

import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.crypto.fast.FastCryptoProvider;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.tls13.SocketTls13Records;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** The minitls ends of the TLS 1.3 socket tests: one PKI for {@link #SERVER_NAME}, a client, a server's config. */
final class Tls13Peers {

    static final String SERVER_NAME = "tls13.minitls.test";
    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final CryptoProvider CRYPTO = new FastCryptoProvider();
    static final IssuedMaterial PKI = PkiIssuer.issue(SERVER_NAME, 1, Clock.systemUTC());

    private Tls13Peers() {
    }

    /** A minitls client's session with the server on {@code port}, trusting {@link #PKI}'s root. */
    static Tls13Session connect(int port, Tls13Settings settings) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        Certificate root = CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, ascii(PKI.rootCertificatePem())));
        ClientConfig config = new ClientConfig(CRYPTO, new SecureRandomSource(), Clock.systemUTC(), root, SERVER_NAME,
                ProtocolVersion.V2, HandshakeObserver.NONE);
        return Tls13ClientHandshake.connect(SocketTls13Records.client(socket, CRYPTO, DEADLINE, DEADLINE), config,
                settings);
    }

    /** A minitls server's configuration with {@link #PKI}'s server certificate and key. */
    static ServerConfig serverConfig(HandshakeObserver observer) {
        return new ServerConfig(CRYPTO, new SecureRandomSource(), ascii(PKI.serverCertificatePem()),
                CRYPTO.signingKey(Pem.decode("PRIVATE KEY", ascii(PKI.serverPrivateKeyPem()))), observer);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
