package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.ServerLimits;
import dev.minitls.cli.support.LiveServer;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.domain.handshake.ProtocolVersion;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minitls bench --connect} loads a TLS 1.3 server that runs elsewhere: a minitls echo server (here in the
 * test's process) and, when openssl is installed, {@code openssl s_server -tls1_3}. Figures are never judged.
 */
class BenchConnectTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void loadsAMinitlsEchoServerWithHandshakesEchoAndBulk() throws Exception {
        try (LiveServer server = LiveServer.start(dir, ServerLimits.defaults(), EnumSet.of(ProtocolVersion.TLS13))) {
            String target = "127.0.0.1:" + server.port();
            JsonNode handshakes = single(bench(target, "--mode", "handshakes", "--connections", "4"));
            assertThat(handshakes.get("impl").asText()).isEqualTo("minitls");
            assertThat(handshakes.get("protocol").asText()).isEqualTo("tls13");
            assertThat(handshakes.get("handshakes").asInt()).isEqualTo(4);
            assertThat(handshakes.get("key_type").asText()).isEqualTo("server's");

            JsonNode echo = single(bench(target, "--mode", "echo", "--size", "100", "--seconds", "0.2"));
            assertThat(echo.get("round_trips").asLong()).isPositive();

            JsonNode bulk = single(bench(target, "--mode", "bulk", "--size", "1000", "--seconds", "0.2"));
            assertThat(bulk.get("records").asLong()).isPositive();
            assertThat(bulk.get("mib_per_s").asDouble()).isPositive();
        }
    }

    @Test
    void aServerWhoseChainLeadsToAnotherRootFailsTheRun() throws Exception {
        Path other = dir.resolve("other");
        try (LiveServer server = LiveServer.start(dir, ServerLimits.defaults(), EnumSet.of(ProtocolVersion.TLS13));
                LiveServer stranger = LiveServer.start(other, ServerLimits.defaults(),
                        EnumSet.of(ProtocolVersion.TLS13))) {
            Subprocess bench = Subprocess.minitls(dir, "bench", "--warmup", "0", "--protocol", "tls13", "--connect",
                    "127.0.0.1:" + stranger.port(), "--ca-file", new PkiFiles(dir).rootCertificate().toString(),
                    "--server-name", LiveServer.SERVER_NAME, "--connections", "1");

            assertThat(bench.awaitExit()).as(bench.printed()).isEqualTo(1);
            assertThat(bench.stderr()).last().asString().startsWith("minitls: ");
        }
    }

    @Test
    void refusesConnectWithoutTls13OrTheRoot() throws Exception {
        Subprocess v2 = Subprocess.minitls(dir, "bench", "--connect", "127.0.0.1:1", "--ca-file", "root.pem");
        assertThat(v2.awaitExit()).as(v2.printed()).isEqualTo(1);
        assertThat(v2.stderr()).containsExactly("minitls: --connect needs --protocol tls13 and --ca-file");

        Subprocess baseline = Subprocess.minitls(dir, "bench", "--protocol", "tls13", "--connect", "127.0.0.1:1",
                "--ca-file", "root.pem", "--baseline", "jsse");
        assertThat(baseline.awaitExit()).as(baseline.printed()).isEqualTo(1);
        assertThat(baseline.stderr()).singleElement().asString().startsWith("minitls: --connect measures");

        Subprocess alone = Subprocess.minitls(dir, "bench", "--ca-file", "root.pem");
        assertThat(alone.awaitExit()).as(alone.printed()).isEqualTo(1);
        assertThat(alone.stderr()).containsExactly("minitls: --ca-file and --server-name go with --connect");
    }

    @Test
    void loadsOpensslsServerWithHandshakesAlone() throws Exception {
        assumeTrue(opensslPresent(), "openssl is not installed");
        PkiFiles files = new PkiFiles(dir);
        try (LiveServer pki = LiveServer.start(dir, ServerLimits.defaults(), EnumSet.of(ProtocolVersion.TLS13))) {
            int port = freePort();
            try (Subprocess openssl = Subprocess.start(dir, List.of("openssl", "s_server", "-tls1_3",
                    "-accept", "127.0.0.1:" + port, "-cert", files.serverCertificate().toString(), "-key",
                    files.serverPrivateKey().toString(), "-naccept", "1000"))) {
                openssl.awaitStdout(Pattern.compile("ACCEPT"));
                JsonNode handshakes = single(bench("127.0.0.1:" + port, "--mode", "handshakes", "--connections", "4",
                        "--size", "0"));
                assertThat(handshakes.get("handshakes").asInt()).isEqualTo(4);
                assertThat(handshakes.get("handshakes_per_s").asDouble()).isPositive();
            }
        }
    }

    private List<JsonNode> bench(String target, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bench", "--warmup", "0", "--json", "--protocol", "tls13",
                "--connect", target, "--ca-file", new PkiFiles(dir).rootCertificate().toString(), "--server-name",
                LiveServer.SERVER_NAME));
        command.addAll(List.of(args));
        Subprocess bench = Subprocess.minitls(dir, command.toArray(String[]::new));
        assertThat(bench.awaitExit()).as(bench.printed()).isZero();
        List<JsonNode> results = new ArrayList<>();
        for (String line : bench.stdout()) {
            results.add(JSON.readTree(line));
        }
        return results;
    }

    private static JsonNode single(List<JsonNode> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private static boolean opensslPresent() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
