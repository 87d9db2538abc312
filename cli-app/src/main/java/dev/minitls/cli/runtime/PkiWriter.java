package dev.minitls.cli.runtime;

import dev.minitls.crypto.bc.IssuedMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a freshly issued PKI in the original program's layout. Private keys are created readable by their owner
 * only (mode 600). Existing files are never overwritten unless asked, and nothing is written when any would be. When
 * asked to overwrite with a PKI without an intermediate CA, an earlier intermediate's files are removed, so that none
 * is left that the new certificates do not belong to.
 */
public final class PkiWriter {

    private PkiWriter() {
    }

    /** Writes {@code material} under {@code files}; returns the files written, in order. */
    public static List<Path> write(PkiFiles files, IssuedMaterial material, boolean force) {
        Map<Path, String> publicFiles = new LinkedHashMap<>();
        publicFiles.put(files.rootCertificate(), material.rootCertificatePem());
        publicFiles.put(files.serverCertificate(), material.serverChainPem());
        publicFiles.put(files.rootPublicKey(), material.rootPublicKeyPem());
        publicFiles.put(files.serverPublicKey(), material.serverPublicKeyPem());
        Map<Path, String> privateFiles = new LinkedHashMap<>();
        privateFiles.put(files.rootPrivateKey(), material.rootPrivateKeyPem());
        privateFiles.put(files.serverPrivateKey(), material.serverPrivateKeyPem());
        material.intermediate().ifPresent(intermediate -> {
            publicFiles.put(files.intermediateCertificate(), intermediate.certificatePem());
            publicFiles.put(files.intermediatePublicKey(), intermediate.publicKeyPem());
            privateFiles.put(files.intermediatePrivateKey(), intermediate.privateKeyPem());
        });

        List<Path> all = new ArrayList<>(publicFiles.keySet());
        all.addAll(privateFiles.keySet());
        if (!force) {
            List<Path> existing = all.stream().filter(Files::exists).toList();
            if (!existing.isEmpty()) {
                throw new UserError("refusing to overwrite " + existing + " (use --force to replace them)");
            }
        }
        try {
            Files.createDirectories(files.rootCertificate().getParent());
            Files.createDirectories(files.rootPrivateKey().getParent());
            for (Map.Entry<Path, String> file : publicFiles.entrySet()) {
                Files.writeString(file.getKey(), file.getValue(), StandardCharsets.US_ASCII);
            }
            for (Map.Entry<Path, String> file : privateFiles.entrySet()) {
                writePrivate(file.getKey(), file.getValue());
            }
            if (material.intermediate().isEmpty()) {
                for (Path stale : List.of(files.intermediateCertificate(), files.intermediatePublicKey(),
                        files.intermediatePrivateKey())) {
                    Files.deleteIfExists(stale);
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot write the certificates under " + files.dir() + ": " + e.getMessage());
        }
        return all;
    }

    /** Creates the file with mode 600 from the start, so the key is never readable by others, even briefly. */
    private static void writePrivate(Path file, String pem) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while writing", e);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
