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

/**
 * {@code minitls certs}: a Root CA, an intermediate CA when asked, and a server certificate, in the original
 * program's layout.
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Make a Root CA and a server certificate signed by it (or by an intermediate CA the root "
                + "signed): certs/ holds the certificates and public keys, private_certs/ the private keys "
                + "(PKCS#8, mode 600).",
        footer = {"", "Example: minitls certs --dir . --server-name example-server --days 365",
            "         minitls certs --dir . --key-type ecdsa-p256 --intermediate"})
public final class CertsCommand implements Callable<Integer> {

    @Mixin
    private DirOption dir;

    @Option(names = "--server-name", defaultValue = "example-server", paramLabel = "NAME",
            description = "The server's name (CN and subjectAltName DNS). Default: ${DEFAULT-VALUE}.")
    private String serverName;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N",
            description = "Days the certificates are valid from now. Default: ${DEFAULT-VALUE}.")
    private int days;

    @Mixin
    private KeyTypeOption keyType;

    @Option(names = "--intermediate", description = "Put an intermediate CA between the root and the server: "
            + "certs/intermediate_ca_certificate.pem, and the server certificate file holds the server's "
            + "certificate then the intermediate's (TLS 1.3 only).")
    private boolean intermediate;

    @Option(names = "--force", description = "Replace existing certificates and keys.")
    private boolean force;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() {
        List<Path> written = PkiWriter.write(dir.files(),
                PkiIssuer.issue(serverName, days, Clock.systemUTC(), keyType.type(), intermediate), force);
        written.forEach(file -> System.out.println("wrote " + file));
        return 0;
    }
}
