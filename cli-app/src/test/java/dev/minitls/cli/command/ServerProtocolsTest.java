package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.support.Subprocess;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minitls server --protocols}: the server says what it serves, and refuses clients of the others. */
class ServerProtocolsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void certificates() {
        PkiWriter.write(new PkiFiles(dir), PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
    }

    @Test
    void aServerWithoutV1ClosesOnV1ClientsAndServesV2Ones() throws Exception {
        try (Subprocess server = Subprocess.minitls(dir, "server", "--host", "127.0.0.1", "--port", "0", "--echo",
                "--protocols", "v2")) {
            String port = server.awaitStdout(Pattern.compile("minitls server listening on 127\\.0\\.0\\.1:(\\d+)"
                    + " \\(protocols v2, provider fast, echo\\); Ctrl-C stops it")).group(1);

            Subprocess v1 = client(port, "v1", "refused in v1");
            assertThat(v1.awaitExit()).as(v1.printed()).isEqualTo(1);
            assertThat(v1.stderr()).singleElement().asString().startsWith("minitls: connection closed by peer");
            server.awaitStderr(Pattern.compile("\\[127\\.0\\.0\\.1:\\d+\\] unsupported protocol version: the client"
                    + " speaks protocol v1, which this server does not accept \\(it accepts v2\\)"));

            Subprocess v2 = client(port, "v2", "served in v2");
            assertThat(v2.awaitExit()).as(v2.printed()).isZero();
            assertThat(v2.stdout()).containsExactly("served in v2");
        }
    }

    @Test
    void aServerWithoutV2RefusesV2ClientsWithProtocolVersion() throws Exception {
        try (Subprocess server = Subprocess.minitls(dir, "server", "--host", "127.0.0.1", "--port", "0",
                "--protocols", "v1")) {
            String port = server.awaitStdout(Pattern.compile("minitls server listening on 127\\.0\\.0\\.1:(\\d+)"
                    + " \\(protocols v1, provider fast\\); Ctrl-C stops it")).group(1);

            Subprocess v2 = client(port, "v2", "refused in v2");
            assertThat(v2.awaitExit()).as(v2.printed()).isEqualTo(1);
            assertThat(v2.stderr()).singleElement().asString().startsWith("minitls: ").contains("protocol_version");
        }
    }

    @Test
    void theDefaultServesEveryProtocolAndAnUnknownOneIsAUsageError() throws Exception {
        try (Subprocess server = Subprocess.minitls(dir, "server", "--host", "127.0.0.1", "--port", "0")) {
            server.awaitStdout(Pattern.compile("minitls server listening on 127\\.0\\.0\\.1:\\d+"
                    + " \\(protocols v1, v2, tls13, provider fast\\); Ctrl-C stops it"));
        }
        Subprocess unknown = Subprocess.minitls(dir, "server", "--port", "0", "--protocols", "v2,v3");

        assertThat(unknown.awaitExit()).as(unknown.printed()).isEqualTo(2);
        assertThat(unknown.stderr()).singleElement().asString()
                .contains("expected one of v1, v2, tls13, got 'v3'").contains("minitls server --help");
    }

    @Test
    void aTls13OnlyServerRefusesV2ClientsWithProtocolVersionAndEchoesTls13Ones() throws Exception {
        try (Subprocess server = Subprocess.minitls(dir, "server", "--host", "127.0.0.1", "--port", "0", "--echo",
                "--protocols", "tls13")) {
            String port = server.awaitStdout(Pattern.compile("minitls server listening on 127\\.0\\.0\\.1:(\\d+)"
                    + " \\(protocols tls13, provider fast, echo\\); Ctrl-C stops it")).group(1);

            Subprocess v2 = client(port, "v2", "refused in v2");
            assertThat(v2.awaitExit()).as(v2.printed()).isEqualTo(1);
            assertThat(v2.stderr()).singleElement().asString().startsWith("minitls: ").contains("protocol_version");

            Subprocess tls13 = Subprocess.minitls(dir, "client", "--protocol", "tls13", "--connect",
                    "127.0.0.1:" + port, "--server-name", "example-server", "--ca-file",
                    "certs/root_ca_certificate.pem", "--key-update-every", "1", "--message", "first over tls13",
                    "--message", "second over tls13");
            assertThat(tls13.awaitExit()).as(tls13.printed()).isZero();
            assertThat(tls13.stdout()).containsExactly("first over tls13", "second over tls13");
            server.awaitStdout(Pattern.compile("\\[127\\.0\\.0\\.1:\\d+\\] second over tls13"));
        }
    }

    @Test
    void aServerWithoutTls13ClosesOnTls13ClientsWithAClearLine() throws Exception {
        try (Subprocess server = Subprocess.minitls(dir, "server", "--host", "127.0.0.1", "--port", "0",
                "--protocols", "v1,v2")) {
            String port = server.awaitStdout(Pattern.compile("minitls server listening on 127\\.0\\.0\\.1:(\\d+)"
                    + " \\(protocols v1, v2, provider fast\\); Ctrl-C stops it")).group(1);

            Subprocess tls13 = client(port, "tls13", "refused in tls13");
            assertThat(tls13.awaitExit()).as(tls13.printed()).isEqualTo(1);
            assertThat(tls13.stderr()).singleElement().asString().startsWith("minitls: ");
            server.awaitStderr(Pattern.compile("\\[127\\.0\\.0\\.1:\\d+\\] unsupported protocol version: the client"
                    + " speaks protocol tls13, which this server does not accept \\(it accepts v1, v2\\)"));
        }
    }

    private Subprocess client(String port, String protocol, String message) throws Exception {
        return Subprocess.minitls(dir, "client", "--host", "127.0.0.1", "--server-name", "example-server", "--port",
                port, "--protocol", protocol, "--message", message);
    }
}
