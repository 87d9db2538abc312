package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.support.ManyNames;
import dev.minitls.cli.support.RawClient;
import dev.minitls.cli.support.Subprocess;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code minitls server}'s limits as a user sets them: they reach the server, and values out of range are refused. */
class ServerOptionsTest {

    private static final Pattern LISTENING = Pattern.compile(
            "minitls server listening on 127\\.0\\.0\\.1:(\\d+) \\(.*\\); Ctrl-C stops it");

    @TempDir
    Path dir;

    @Test
    void theHandshakeTimeoutEndsASilentClientWithOneLine() throws Exception {
        PkiWriter.write(new PkiFiles(dir), PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        try (Subprocess server = Subprocess.minitls(dir, "server", "--host", "127.0.0.1", "--port", "0",
                "--handshake-timeout", "0.3", "--idle-timeout", "20", "--max-connections", "4",
                "--max-handshakes", "2")) {
            int port = Integer.parseInt(server.awaitStdout(LISTENING).group(1));

            try (RawClient silent = RawClient.connect(port)) {
                assertThat(silent.readLine()).as("closed without a word").isEmpty();
                server.awaitStderr(Pattern.compile(Pattern.quote("[" + silent.address()
                        + "] timed out: no complete handshake within 300 ms")));
            }
        }
    }

    @Test
    void theHandshakeLimitPerAddressRefusesASecondStalledHandshakeFromOneAddressWithOneLine() throws Exception {
        PkiWriter.write(new PkiFiles(dir), PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        try (Subprocess server = Subprocess.minitls(dir, "server", "--host", "127.0.0.1", "--port", "0",
                "--max-handshakes-per-address", "1")) {
            int port = Integer.parseInt(server.awaitStdout(LISTENING).group(1));

            try (RawClient first = RawClient.connect(port); RawClient second = RawClient.connect(port)) {
                server.awaitStderr(Pattern.compile("\\[127\\.0\\.0\\.1:\\d+\\] refused: handshakes in progress from"
                        + " 127\\.0\\.0\\.1 at their limit of 1 per address"));
            }
        }
    }

    @Test
    void aCertificateTooLargeForProtocolV2StopsTheServerAtStartWithOneLine() throws Exception {
        PkiWriter.write(new PkiFiles(dir), ManyNames.withNames(PkiIssuer.issue("example-server", 1,
                Clock.systemUTC()), "example-server", 200), false);
        Subprocess server = Subprocess.minitls(dir, "server", "--port", "0");

        assertThat(server.awaitExit()).as(server.printed()).isEqualTo(1);
        assertThat(server.stderr()).singleElement().asString()
                .startsWith("minitls: ").contains("server_certificate.pem: the certificate is too large for protocol"
                        + " v2: its ").contains("over the 16384 bytes of one v2 record");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--max-connections, 0, 1, 'minitls: the connection limit must be at least 1, got 0'",
        "--max-handshakes, 0, 1, 'minitls: the handshake limit must be at least 1, got 0'",
        "--max-connections-per-address, 0, 1, 'minitls: the connection limit per address must be at least 1, got 0'",
        "--max-handshakes-per-address, 0, 1, 'minitls: the handshake limit per address must be at least 1, got 0'",
        "--handshake-timeout, 0, 2, 'minitls: Invalid value for option ''--handshake-timeout'': expected seconds from"
                + " 0.001 to 3600, got ''0'' (see ''minitls server --help'')'",
        "--idle-timeout, 0.0009, 2, 'minitls: Invalid value for option ''--idle-timeout'': expected seconds from"
                + " 0.001 to 3600, got ''0.0009'' (see ''minitls server --help'')'",
    })
    void aLimitOutOfRangeIsRefusedInOneLine(String option, String value, int status, String message)
            throws Exception {
        PkiWriter.write(new PkiFiles(dir), PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        Subprocess server = Subprocess.minitls(dir, "server", "--port", "0", option, value);

        assertThat(server.awaitExit()).as(server.printed()).isEqualTo(status);
        assertThat(server.stderr()).containsExactly(message);
    }
}
