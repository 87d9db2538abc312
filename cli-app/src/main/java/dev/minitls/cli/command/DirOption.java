package dev.minitls.cli.command;

import dev.minitls.cli.runtime.PkiFiles;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --dir}: the folder holding {@code certs/} and {@code private_certs/}. */
public final class DirOption {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Folder holding certs/ and private_certs/ (default: ${DEFAULT-VALUE}).")
    Path dir;

    PkiFiles files() {
        return new PkiFiles(dir);
    }
}
