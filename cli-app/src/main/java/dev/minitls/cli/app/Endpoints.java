package dev.minitls.cli.app;

import dev.minitls.crypto.pem.Pem;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.port.RandomSource;
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
        byte[] certificatePem = PkiFiles.read(files.serverCertificate());
        parse(files.serverCertificate(), certificatePem);
        byte[] seed = privateKey(files.serverPrivateKey());
        try {
            return new ServerConfig(crypto, random, certificatePem, crypto.ed25519SigningKey(seed), observer);
        } catch (IllegalArgumentException e) {
            throw new UserError(files.serverPrivateKey() + ": " + e.getMessage());
        }
    }

    /** The trusted Root CA from {@code files}, expecting the server to be {@code serverName}. */
    public ClientConfig clientConfig(PkiFiles files, String serverName, ProtocolVersion protocol,
            HandshakeObserver observer) {
        Certificate root = parse(files.rootCertificate(), PkiFiles.read(files.rootCertificate()));
        try {
            return new ClientConfig(crypto, random, clock, root, serverName, protocol, observer);
        } catch (IllegalArgumentException e) {
            throw new UserError(files.rootCertificate() + ": " + e.getMessage());
        }
    }

    private Certificate parse(Path file, byte[] pem) {
        try {
            return crypto.parseCertificate(pem);
        } catch (CryptoException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }

    private static byte[] privateKey(Path file) {
        try {
            return Pem.ed25519PrivateKeySeed(PkiFiles.read(file));
        } catch (CryptoException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }
}
