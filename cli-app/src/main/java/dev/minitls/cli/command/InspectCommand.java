package dev.minitls.cli.command;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.inspect.Inspector;
import dev.minitls.cli.inspect.Inspector.Authority;
import dev.minitls.cli.inspect.Inspector.Inspection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minitls inspect}: what is inside certificate and key files, and whether certificates verify. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show what a certificate or key PEM file holds (minitls', the original program's or openssl's):"
                + " version, serial number, subject, issuer, validity, names, key, extensions and signature of a"
                + " certificate; the type and public key of a key (a private key itself is never shown). With --ca,"
                + " also whether each certificate verifies against that CA as a minitls client checks it.",
        footer = {"", "Examples:", "  minitls inspect certs/server_certificate.pem",
                "  minitls inspect --ca certs/root_ca_certificate.pem certs/*.pem private_certs/server-key.pem",
                "", "Exit status 1 when a file cannot be read or a certificate does not verify."})
public final class InspectCommand implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Option(names = "--ca", paramLabel = "FILE", description = "A CA certificate to check each certificate against.")
    private Path ca;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "PEM files: certificates, private or public keys.")
    private List<Path> files;

    @Override
    public Integer call() {
        Endpoints endpoints = common.endpoints();
        Inspector inspector = new Inspector(endpoints.crypto(), Clock.systemUTC());
        Optional<Authority> authority = Optional.ofNullable(ca)
                .map(file -> new Authority(file.toString(), endpoints.certificate(file)));
        int failed = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                Inspection inspection = inspector.inspect(file.toString(), PkiFiles.read(file), authority);
                inspection.lines().forEach(System.out::println);
                failed += inspection.verified() ? 0 : 1;
            } catch (UserError e) {
                System.err.println("minitls: " + e.getMessage());
                failed++;
            }
            if (i < files.size() - 1) {
                System.out.println();
            }
        }
        return failed == 0 ? 0 : MinitlsCommand.FAILED;
    }
}
