package dev.minitls.cli.app;

import dev.minitls.crypto.pem.Pem;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.trace.HandshakeObserver;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;

/** Builds client and server configurations from the PKI files, with the ports Guice wired in. */
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

    /** The server's certificate and private key from {@code files}. */
    public ServerConfig serverConfig(PkiFiles files, HandshakeObserver observer) {
        return serverConfig(files.serverCertificate(), files.serverPrivateKey(), observer);
    }

    /**
     * The server's certificate and its private key (PKCS#8 PEM) from these files.
     *
     * @throws UserError naming the file when one cannot be read, the key does not belong to the certificate, or the
     *     certificate is too large to send in protocol v2
     */
    public ServerConfig serverConfig(Path certificateFile, Path privateKeyFile, HandshakeObserver observer) {
        byte[] certificatePem = PkiFiles.read(certificateFile);
        parse(certificateFile, certificatePem);
        SigningKey key = signingKey(privateKeyFile);
        ServerConfig config;
        try {
            config = new ServerConfig(crypto, random, certificatePem, key, observer);
        } catch (IllegalArgumentException e) {
            throw new UserError(privateKeyFile + ": " + e.getMessage());
        }
        try {
            ServerHandshake.checkCertificateFits(config, formats);
        } catch (IllegalArgumentException e) {
            throw new UserError(certificateFile + ": " + e.getMessage());
        }
        return config;
    }

    /** The trusted Root CA from {@code files}, expecting the server to be {@code serverName}. */
    public ClientConfig clientConfig(PkiFiles files, String serverName, ProtocolVersion protocol,
            HandshakeObserver observer) {
        return clientConfig(files.rootCertificate(), serverName, protocol, observer);
    }

    /** Trusts the Root CA certificate in {@code rootCertificateFile}; the server must be {@code serverName}. */
    public ClientConfig clientConfig(Path rootCertificateFile, String serverName, ProtocolVersion protocol,
            HandshakeObserver observer) {
        Certificate root = certificate(rootCertificateFile);
        try {
            return new ClientConfig(crypto, random, clock, root, serverName, protocol, observer);
        } catch (IllegalArgumentException e) {
            throw new UserError(rootCertificateFile + ": " + e.getMessage());
        }
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

    private SigningKey signingKey(Path file) {
        try {
            return crypto.signingKey(Pem.decode("PRIVATE KEY", PkiFiles.read(file)));
        } catch (CryptoException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }
}
