package dev.minitls.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.support.Subprocess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minitls inspect} as a user runs it: one report per file, exit status 1 when any file fails. */
class InspectCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void certificates() {
        PkiWriter.write(new PkiFiles(dir), PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
    }

    @Test
    void reportsEachFileInTurnAndSucceedsWhenEveryCertificateVerifies() throws Exception {
        try (Subprocess inspect = Subprocess.minitls(dir, "inspect", "--ca", "certs/root_ca_certificate.pem",
                "certs/server_certificate.pem", "private_certs/server-key.pem")) {
            assertThat(inspect.awaitExit()).as(inspect.printed()).isZero();
            List<String> out = inspect.stdout();
            assertThat(out).first().isEqualTo("certs/server_certificate.pem: X.509 certificate");
            assertThat(out).contains("", "private_certs/server-key.pem: Ed25519 private key (PKCS#8); the private"
                    + " key itself is not shown");
            assertThat(out).anyMatch(line -> line.startsWith("  verifies               yes, against "
                    + "certs/root_ca_certificate.pem"));
            assertThat(inspect.stderr()).isEmpty();
        }
    }

    @Test
    void failsWithALinePerFileThatCannotBeReadAndGoesOnWithTheOthers() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        try (Subprocess inspect = Subprocess.minitls(dir, "inspect", "notes.txt", "missing.pem",
                "certs/server.pem")) {
            assertThat(inspect.awaitExit()).as(inspect.printed()).isEqualTo(1);
            assertThat(inspect.stderr()).containsExactly(
                    "minitls: notes.txt: not a PEM file (no -----BEGIN line)",
                    "minitls: missing.pem does not exist");
            assertThat(inspect.stdout()).contains("certs/server.pem: Ed25519 public key (SubjectPublicKeyInfo)");
        }
    }

    @Test
    void failsWhenACertificateDoesNotVerify() throws Exception {
        PkiWriter.write(new PkiFiles(dir.resolve("other")), PkiIssuer.issue("example-server", 1,
                Clock.systemUTC()), false);
        try (Subprocess inspect = Subprocess.minitls(dir, "inspect", "--ca",
                "other/certs/root_ca_certificate.pem", "certs/server_certificate.pem")) {
            assertThat(inspect.awaitExit()).as(inspect.printed()).isEqualTo(1);
            assertThat(inspect.stdout()).last().asString().matches("  verifies {15}no, against "
                    + "other/certs/root_ca_certificate\\.pem: certificate rejected: issued by \"CN=minitls Root CA "
                    + "[0-9a-f]{16}\", not by the trusted root CA CN=minitls Root CA [0-9a-f]{16}");
        }
    }

    @Test
    void aCaThatCannotBeReadIsOneLineOnStandardError() throws Exception {
        try (Subprocess inspect = Subprocess.minitls(dir, "inspect", "--ca", "certs/server.pem",
                "certs/server_certificate.pem")) {
            assertThat(inspect.awaitExit()).as(inspect.printed()).isEqualTo(1);
            assertThat(inspect.stderr()).singleElement().asString().startsWith("minitls: certs/server.pem: ");
            assertThat(inspect.stdout()).isEmpty();
        }
    }
}
