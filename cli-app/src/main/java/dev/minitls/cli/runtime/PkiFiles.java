package dev.minitls.cli.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The original program's file layout under one folder: certificates and public keys in {@code certs/}, private
 * keys in {@code private_certs/}; an intermediate CA's three files beside the root's when there is one. The server
 * certificate file holds the server's certificate, then the intermediate CA's when there is one (what the server
 * sends, as in nginx's {@code ssl_certificate} or Go's {@code LoadX509KeyPair}); the intermediate's own file is what
 * {@code openssl verify -untrusted} and {@code openssl s_server -cert_chain} take.
 */
public record PkiFiles(Path dir) {

    /** PEM files are small; anything larger is refused before it is read. */
    public static final int MAX_FILE_SIZE = 64 * 1024;

    public Path rootCertificate() {
        return dir.resolve("certs/root_ca_certificate.pem");
    }

    public Path serverCertificate() {
        return dir.resolve("certs/server_certificate.pem");
    }

    public Path intermediateCertificate() {
        return dir.resolve("certs/intermediate_ca_certificate.pem");
    }

    public Path intermediatePublicKey() {
        return dir.resolve("certs/intermediate_ca.pem");
    }

    public Path intermediatePrivateKey() {
        return dir.resolve("private_certs/intermediate_ca-key.pem");
    }

    public Path rootPublicKey() {
        return dir.resolve("certs/root_ca.pem");
    }

    public Path serverPublicKey() {
        return dir.resolve("certs/server.pem");
    }

    public Path rootPrivateKey() {
        return dir.resolve("private_certs/root_ca-key.pem");
    }

    public Path serverPrivateKey() {
        return dir.resolve("private_certs/server-key.pem");
    }

    /**
     * Reads one of the files, at most {@link #MAX_FILE_SIZE} bytes.
     *
     * @throws UserError naming the file when it is missing, unreadable or too large; a missing file is only said not
     *     to exist, as it may be any file the user named (see {@link #requireMade} for the files of this layout)
     */
    public static byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_SIZE + 1);
            if (bytes.length > MAX_FILE_SIZE) {
                throw new UserError(file + " is larger than " + MAX_FILE_SIZE + " bytes; not a PEM file");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new UserError(file + " does not exist", e);
        } catch (IOException e) {
            throw UserError.io("cannot read " + file, e);
        }
    }

    /**
     * Checks, before they are read, that {@code files} of this layout exist.
     *
     * @throws UserError naming the first missing one and how to make them
     */
    public static void requireMade(Path... files) {
        for (Path file : files) {
            if (!Files.exists(file)) {
                throw new UserError(file + " does not exist (make it with: minitls certs)");
            }
        }
    }
}
