package dev.minitls.cli.command;

import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minitls certs}: a Root CA and a server certificate it signed, in the original program's layout. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Make an Ed25519 Root CA and a server certificate signed by it: certs/ holds the certificates "
                + "and public keys, private_certs/ the private keys (mode 600).",
        footer = {"", "Example: minitls certs --dir . --server-name example-server --days 365"})
public final class CertsCommand implements Callable<Integer> {

    @Mixin
    private DirOption dir;

    @Option(names = "--server-name", defaultValue = "example-server", paramLabel = "NAME",
            description = "The server's name (CN and subjectAltName DNS). Default: ${DEFAULT-VALUE}.")
    private String serverName;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N",
            description = "Days the certificates are valid from now. Default: ${DEFAULT-VALUE}.")
    private int days;

    @Option(names = "--force", description = "Replace existing certificates and keys.")
    private boolean force;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() {
        List<Path> written = PkiWriter.write(dir.files(), PkiIssuer.issue(serverName, days, Clock.systemUTC()), force);
        written.forEach(file -> System.out.println("wrote " + file));
        return 0;
    }
}
