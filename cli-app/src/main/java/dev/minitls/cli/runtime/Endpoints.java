package dev.minitls.cli.runtime;

import dev.minitls.crypto.pem.Pem;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trust.ServerCertificateValidator;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * Builds client and server configurations, from the PKI files or from PEM in memory, with the ports wired in
 * ({@link dev.minitls.cli.wiring.Wiring} makes one).
 */
public final class Endpoints {

    private final CryptoProvider crypto;
    private final RandomSource random;
    private final Clock clock;
    private final WireFormats formats;

    @Inject
    public Endpoints(CryptoProvider crypto, RandomSource random, Clock clock, WireFormats formats) {
        this.crypto = crypto;
        this.random = random;
        this.clock = clock;
        this.formats = formats;
    }

    public CryptoProvider crypto() {
        return crypto;
    }

    public WireFormats formats() {
        return formats;
    }

    public RandomSource random() {
        return random;
    }

    /** The server's certificate and private key from {@code files}; it accepts clients of {@code protocols}. */
    public ServerConfig serverConfig(PkiFiles files, Set<ProtocolVersion> protocols, HandshakeObserver observer) {
        return serverConfig(files.serverCertificate(), files.serverPrivateKey(), protocols, observer);
    }

    /**
     * The server's certificate and its private key (PKCS#8 PEM) from these files.
     *
     * @throws UserError naming the file when one cannot be read, the key does not belong to the certificate, or the
     *     certificate is too large to send in protocol v2 while v2 is accepted
     */
    public ServerConfig serverConfig(Path certificateFile, Path privateKeyFile, Set<ProtocolVersion> protocols,
            HandshakeObserver observer) {
        byte[] certificatePem = PkiFiles.read(certificateFile);
        parse(certificateFile, certificatePem);
        byte[] privateKeyPem = PkiFiles.read(privateKeyFile);
        ServerConfig config;
        try {
            config = serverConfig(certificatePem, privateKeyPem, protocols, observer);
        } catch (CryptoException | IllegalArgumentException e) {
            throw new UserError(privateKeyFile + ": " + e.getMessage());
        }
        try {
            if (protocols.contains(ProtocolVersion.V2)) {
                ServerHandshake.checkCertificateFits(config, formats);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(certificateFile + ": " + e.getMessage());
        }
        return config;
    }

    /**
     * The server's certificate and its private key (PKCS#8), both PEM in memory.
     *
     * @throws CryptoException when either cannot be read
     * @throws IllegalArgumentException when the key does not belong to the certificate, or no protocol is accepted
     */
    public ServerConfig serverConfig(byte[] certificatePem, byte[] privateKeyPem, Set<ProtocolVersion> protocols,
            HandshakeObserver observer) {
        return new ServerConfig(crypto, random, certificatePem,
                crypto.signingKey(Pem.decode("PRIVATE KEY", privateKeyPem)), observer, protocols);
    }

    /** The trusted Root CA from {@code files}, expecting the server to be {@code serverName}. */
    public ClientConfig clientConfig(PkiFiles files, String serverName, ProtocolVersion protocol,
            HandshakeObserver observer) {
        return clientConfig(files.rootCertificate(), serverName, protocol, observer);
    }

    /** Trusts the Root CA certificate in {@code rootCertificateFile}; the server must be {@code serverName}. */
    public ClientConfig clientConfig(Path rootCertificateFile, String serverName, ProtocolVersion protocol,
            HandshakeObserver observer) {
        return clientConfig(trustAnchor(rootCertificateFile), serverName, protocol, observer);
    }

    /**
     * The Root CA certificate in {@code file}, which a client can trust.
     *
     * @throws UserError naming the file when it cannot be read, is no certificate or cannot be a trust anchor
     */
    public Certificate trustAnchor(Path file) {
        Certificate root = certificate(file);
        try {
            ServerCertificateValidator.requireUsableRoot(root);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
        return root;
    }

    /**
     * Trusts {@code root}; the server must be {@code serverName}.
     *
     * @throws IllegalArgumentException when the root cannot be a trust anchor, or the name is blank
     */
    public ClientConfig clientConfig(Certificate root, String serverName, ProtocolVersion protocol,
            HandshakeObserver observer) {
        return new ClientConfig(crypto, random, clock, root, serverName, protocol, observer);
    }

    /**
     * The certificate in {@code file}.
     *
     * @throws UserError naming the file when it cannot be read or is no certificate
     */
    public Certificate certificate(Path file) {
        return parse(file, PkiFiles.read(file));
    }

    private Certificate parse(Path file, byte[] pem) {
        try {
            return crypto.parseCertificate(pem);
        } catch (CryptoException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }
}
