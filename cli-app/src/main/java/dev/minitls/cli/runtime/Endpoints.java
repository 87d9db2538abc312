package dev.minitls.cli.runtime;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trust.ServerCertificateValidator;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds client and server configurations, from the PKI files or from PEM in memory, with the ports wired in
 * ({@link dev.minitls.cli.wiring.Wiring} makes one).
 */
public final class Endpoints {

    /** The most root certificates one trust bundle file may hold (its PEM is at most 64 KiB anyway). */
    public static final int MAX_TRUST_ANCHORS = 64;

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
     * The server's certificate, with the intermediate CA certificates after it when the file holds a chain, and its
     * private key (PKCS#8 PEM) from these files.
     *
     * @throws UserError naming the file when one cannot be read, the key does not belong to the certificate, or the
     *     certificate is too large to send in protocol v2 while v2 is accepted
     */
    public ServerConfig serverConfig(Path certificateFile, Path privateKeyFile, Set<ProtocolVersion> protocols,
            HandshakeObserver observer) {
        byte[] certificatePem = PkiFiles.read(certificateFile);
        try {
            Pem.decodeAll(Pem.CERTIFICATE, certificatePem, ServerConfig.MAX_CHAIN).forEach(crypto::parseCertificate);
        } catch (CryptoException e) {
            throw new UserError(certificateFile + ": " + e.getMessage());
        }
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
     * The server's certificate and its private key (PKCS#8), both PEM in memory. {@code certificatePem} may hold a
     * chain: the server's certificate first, then the intermediate CAs, the one that issued it first; TLS 1.3 sends
     * them all; v1 and v2, whose Certificate message holds one, refuse their clients then.
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

    /**
     * Trusts the Root CA certificates in {@code rootCertificateFile} (one or more, a trust bundle); the server must
     * be {@code serverName}.
     */
    public ClientConfig clientConfig(Path rootCertificateFile, String serverName, ProtocolVersion protocol,
            HandshakeObserver observer) {
        return clientConfig(trustAnchors(rootCertificateFile), serverName, protocol, observer);
    }

    /**
     * The Root CA certificates in {@code file}, one PEM block or more, which a client can trust: each must be one
     * {@link ServerCertificateValidator#requireUsableRoot} takes.
     *
     * @throws UserError naming the file (and the certificate, when there are several) when it cannot be read, holds
     *     something that is no certificate, or a certificate that cannot be a trust anchor
     */
    public List<Certificate> trustAnchors(Path file) {
        byte[] pem = PkiFiles.read(file);
        List<byte[]> blocks;
        try {
            blocks = Pem.decodeAll(Pem.CERTIFICATE, pem, MAX_TRUST_ANCHORS);
        } catch (CryptoException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
        List<Certificate> roots = new ArrayList<>();
        for (byte[] der : blocks) {
            String which = blocks.size() == 1 ? file.toString() : file + " (certificate " + (roots.size() + 1) + ")";
            try {
                Certificate root = crypto.parseCertificate(der);
                ServerCertificateValidator.requireUsableRoot(root);
                roots.add(root);
            } catch (CryptoException | IllegalArgumentException e) {
                throw new UserError(which + ": " + e.getMessage());
            }
        }
        return roots;
    }

    /**
     * Trusts {@code root}; the server must be {@code serverName}.
     *
     * @throws IllegalArgumentException when the root cannot be a trust anchor, or the name is blank
     */
    public ClientConfig clientConfig(Certificate root, String serverName, ProtocolVersion protocol,
            HandshakeObserver observer) {
        return clientConfig(List.of(root), serverName, protocol, observer);
    }

    /**
     * Trusts each of {@code roots}; the server must be {@code serverName}.
     *
     * @throws IllegalArgumentException when there is no root or one cannot be a trust anchor, or the name is blank
     */
    public ClientConfig clientConfig(List<Certificate> roots, String serverName, ProtocolVersion protocol,
            HandshakeObserver observer) {
        return new ClientConfig(crypto, random, clock, roots, serverName, protocol, observer);
    }

    /**
     * The certificate in {@code file}.
     *
     * @throws UserError naming the file when it cannot be read or is no certificate
     */
    public Certificate certificate(Path file) {
        return parse(file, PkiFiles.read(file));
    }

    /**
     * The server's own certificate in {@code file}: its first, when the file holds a chain (the intermediate CA
     * certificates after it).
     *
     * @throws UserError naming the file when it cannot be read, holds no certificate or more than
     *     {@value ServerConfig#MAX_CHAIN}
     */
    public Certificate serverCertificate(Path file) {
        byte[] pem = PkiFiles.read(file);
        try {
            return crypto.parseCertificate(Pem.decodeAll(Pem.CERTIFICATE, pem, ServerConfig.MAX_CHAIN).get(0));
        } catch (CryptoException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }

    private Certificate parse(Path file, byte[] pem) {
        try {
            return crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, pem));
        } catch (CryptoException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }
}
