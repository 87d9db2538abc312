package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.cli.support.Subprocess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minitls bench} runs each mode briefly, over loopback, and prints well-formed results: the fields other
 * tools read, with the JSSE baseline and the ratio when asked. Figures are never judged: no timed assertions.
 */
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void handshakesBesideJssePrintBothResultsAndTheRatio() throws Exception {
        List<JsonNode> results = json("--mode", "handshakes", "--connections", "6", "--concurrency", "2",
                "--baseline", "jsse");
        // no --provider: the default, fast

        assertThat(results).hasSize(2);
        JsonNode minitls = results.get(0);
        JsonNode jsse = results.get(1);
        assertCommonFields(minitls, "minitls", "handshakes", "v2", "fast", 2);
        assertCommonFields(jsse, "jsse", "handshakes", "TLSv1.3", "jdk", 2);
        for (JsonNode result : results) {
            assertThat(result.get("handshakes").asInt()).isEqualTo(6);
            assertThat(result.get("handshakes_per_s").asDouble()).isPositive()
                    .isEqualTo(result.get("figure").asDouble());
            assertThat(result.get("p50_ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(result.get("p99_ms").asDouble());
        }
        assertThat(minitls.get("floor_per_s").asDouble()).isPositive();
        assertThat(minitls.get("efficiency").asDouble()).isPositive();
        assertThat(minitls.get("ratio").asDouble()).isEqualTo(
                minitls.get("figure").asDouble() / jsse.get("figure").asDouble(), org.assertj.core.data.Offset.offset(
                        1e-3 * minitls.get("ratio").asDouble()));
        assertThat(jsse.has("ratio")).isFalse();
    }

    @Test
    void tls13HandshakesBesideBothBaselinesUseTheChosenAlgorithmsAndCarryARatioEach() throws Exception {
        List<JsonNode> results = json("--protocol", "tls13", "--mode", "handshakes", "--connections", "4",
                "--suite", "TLS_AES_256_GCM_SHA384", "--group", "secp256r1", "--key-type", "ecdsa-p256",
                "--baseline", "all");

        assertThat(results).hasSize(3);
        JsonNode minitls = results.get(0);
        JsonNode jsse = results.get(1);
        JsonNode bcjsse = results.get(2);
        assertCommonFields(minitls, "minitls", "handshakes", "tls13", "fast", 2);
        assertCommonFields(jsse, "jsse", "handshakes", "TLSv1.3", "jdk", 2);
        assertCommonFields(bcjsse, "bcjsse", "handshakes", "TLSv1.3", "bc-1.84", 2);
        assertThat(minitls.get("group").asText()).isEqualTo("secp256r1");
        for (JsonNode result : results) {
            assertThat(result.get("handshakes").asInt()).isEqualTo(4);
            assertThat(result.get("suite").asText()).isEqualTo("TLS_AES_256_GCM_SHA384");
            assertThat(result.get("key_type").asText()).isEqualTo("ecdsa-p256");
            assertThat(result.get("group").asText()).as("the group used first").startsWith("secp256r1");
        }
        assertThat(minitls.get("ratio").asDouble()).isEqualTo(
                minitls.get("figure").asDouble() / jsse.get("figure").asDouble(),
                org.assertj.core.data.Offset.offset(1e-3 * minitls.get("ratio").asDouble()));
        assertThat(minitls.get("ratio_bcjsse").asDouble()).isEqualTo(
                minitls.get("figure").asDouble() / bcjsse.get("figure").asDouble(),
                org.assertj.core.data.Offset.offset(1e-3 * minitls.get("ratio_bcjsse").asDouble()));
        assertThat(jsse.has("ratio_bcjsse") || bcjsse.has("ratio")).isFalse();
    }

    @Test
    void tls13BulkBesideBouncyCastlesTlsAsText() throws Exception {
        Subprocess bench = Subprocess.minitls(dir, "bench", "--protocol", "tls13", "--mode", "bulk", "--size", "4000",
                "--seconds", "0.2", "--warmup", "0", "--baseline", "bcjsse");

        assertThat(bench.awaitExit()).as(bench.printed()).isZero();
        assertThat(bench.stdout()).hasSize(4);
        assertThat(bench.stdout().get(1)).startsWith("minitls  tls13").contains("MiB/s",
                "[TLS_AES_128_GCM_SHA256 x25519 ed25519]");
        assertThat(bench.stdout().get(2)).startsWith("bcjsse   TLSv1.3  bc-1.84").contains("MiB/s");
        assertThat(bench.stdout().get(3)).matches("ratio minitls/bcjsse \\(fast\\): \\d+\\.\\d\\d");
    }

    @Test
    void tls13EchoAndSessionsRun() throws Exception {
        assertThat(json("--protocol", "tls13", "--mode", "echo", "--seconds", "0.2", "--group", "secp256r1"))
                .singleElement().satisfies(result -> {
                    assertCommonFields(result, "minitls", "echo", "tls13", "fast", 1);
                    assertThat(result.get("round_trips").asLong()).isPositive();
                });
        assertThat(json("--protocol", "tls13", "--mode", "sessions", "--connections", "10", "--key-type",
                "rsa-2048")).singleElement().satisfies(result -> {
                    assertCommonFields(result, "minitls", "sessions", "tls13", "fast", 2);
                    assertThat(result.get("sessions").asInt()).isEqualTo(10);
                    assertThat(result.get("measured").asText()).isEqualTo("server side");
                });
    }

    @Test
    void tls13SessionsMeasureTheServerSideOfEachImplementationWithTheClientsInAChildJvm() throws Exception {
        List<JsonNode> results = json("--protocol", "tls13", "--mode", "sessions", "--connections", "12",
                "--concurrency", "3", "--baseline", "all");

        assertThat(results).hasSize(3);
        assertCommonFields(results.get(0), "minitls", "sessions", "tls13", "fast", 3);
        assertCommonFields(results.get(1), "jsse", "sessions", "TLSv1.3", "jdk", 3);
        assertCommonFields(results.get(2), "bcjsse", "sessions", "TLSv1.3", "bc-1.84", 3);
        for (JsonNode result : results) {
            assertThat(result.get("measured").asText()).isEqualTo("server side");
            assertThat(result.get("sessions").asInt()).isEqualTo(12);
            assertThat(result.get("heap_bytes_per_session").asDouble()).isEqualTo(result.get("figure").asDouble());
            assertThat(result.get("threads").asInt()).as("a thread per connection, in the server's JVM")
                    .isGreaterThanOrEqualTo(12);
            assertThat(result.get("seconds").asDouble()).isPositive();
        }
        JsonNode minitls = results.get(0);
        assertThat(minitls.get("ratio").asDouble()).isEqualTo(
                minitls.get("figure").asDouble() / results.get(1).get("figure").asDouble(),
                org.assertj.core.data.Offset.offset(1e-3 * Math.abs(minitls.get("ratio").asDouble())));
        assertThat(minitls.get("ratio_bcjsse").asDouble()).isEqualTo(
                minitls.get("figure").asDouble() / results.get(2).get("figure").asDouble(),
                org.assertj.core.data.Offset.offset(1e-3 * Math.abs(minitls.get("ratio_bcjsse").asDouble())));
    }

    @Test
    void tls13SessionsAsTextSayTheServerSideWasMeasured() throws Exception {
        Subprocess bench = Subprocess.minitls(dir, "bench", "--protocol", "tls13", "--mode", "sessions",
                "--connections", "5", "--baseline", "jsse");

        assertThat(bench.awaitExit()).as(bench.printed()).isZero();
        assertThat(bench.stdout()).hasSize(4);
        assertThat(bench.stdout().get(0)).startsWith("minitls bench: sessions, 32-byte records, concurrency 2, 5"
                + " sessions, ");
        assertThat(bench.stdout().get(1)).startsWith("minitls  tls13").contains(
                " heap bytes/session, server side  (sessions 5, ", "threads ");
        assertThat(bench.stdout().get(2)).startsWith("jsse     TLSv1.3").contains(
                " heap bytes/session, server side  (sessions 5, ");
        assertThat(bench.stdout().get(3)).matches("ratio minitls/jsse \\(fast\\): -?\\d+\\.\\d\\d");
    }

    @Test
    void refusesTls13AlgorithmsForTheJsonProtocolsAndUnknownNames() throws Exception {
        Subprocess v2 = Subprocess.minitls(dir, "bench", "--key-type", "ecdsa-p256");
        assertThat(v2.awaitExit()).as(v2.printed()).isEqualTo(1);
        assertThat(v2.stderr()).containsExactly("minitls: --suite, --group and --key-type choose TLS 1.3's"
                + " algorithms: they need --protocol tls13");

        Subprocess suite = Subprocess.minitls(dir, "bench", "--protocol", "tls13", "--suite", "TLS_NULL");
        assertThat(suite.awaitExit()).as(suite.printed()).isEqualTo(2);
        assertThat(suite.stderr()).first().asString().contains("--suite", "expected one of", "got 'TLS_NULL'");

        Subprocess group = Subprocess.minitls(dir, "bench", "--protocol", "tls13", "--group", "x448");
        assertThat(group.awaitExit()).as(group.printed()).isEqualTo(2);
        assertThat(group.stderr()).first().asString().contains("--group", "expected one of x25519, secp256r1",
                "got 'x448'");
    }

    @Test
    void bulkInProtocolV1OnTheJdkProviderMeasuresMebibytesPerSecond() throws Exception {
        List<JsonNode> results = json("--mode", "bulk", "--protocol", "v1", "--provider", "jca", "--size", "1000",
                "--seconds", "0.2");

        assertThat(results).singleElement().satisfies(result -> {
            assertCommonFields(result, "minitls", "bulk", "v1", "jca", 1);
            assertThat(result.get("size").asInt()).isEqualTo(1000);
            assertThat(result.get("mib_per_s").asDouble()).isPositive();
            assertThat(result.get("records").asLong()).isPositive();
        });
    }

    @Test
    void echoAsTextPrintsBothImplementationsAndTheRatio() throws Exception {
        Subprocess bench = Subprocess.minitls(dir, "bench", "--mode", "echo", "--provider", "fast", "--seconds", "0.2",
                "--warmup", "0", "--baseline", "jsse");

        assertThat(bench.awaitExit()).as(bench.printed()).isZero();
        assertThat(bench.stdout()).hasSize(4);
        assertThat(bench.stdout().get(0)).as("one session, as in the rows")
                .startsWith("minitls bench: echo, 1024-byte records, concurrency 1, ");
        assertThat(bench.stdout().get(1)).contains(" c=1 ");
        assertThat(bench.stdout().get(1)).startsWith("minitls  v2").contains("fast", "round trips/s");
        assertThat(bench.stdout().get(2)).startsWith("jsse     TLSv1.3").contains("round trips/s");
        assertThat(bench.stdout().get(3)).matches("ratio minitls/jsse \\(fast\\): \\d+\\.\\d\\d");
    }

    @Test
    void sessionsHoldsTheConnectionsOpenAndReportsTheMemoryOfEach() throws Exception {
        List<JsonNode> results = json("--mode", "sessions", "--connections", "25", "--provider", "fast");

        assertThat(results).singleElement().satisfies(result -> {
            assertCommonFields(result, "minitls", "sessions", "v2", "fast", 2);
            assertThat(result.get("sessions").asInt()).isEqualTo(25);
            assertThat(result.get("heap_bytes_per_session").isNumber()).isTrue();
            assertThat(result.get("threads").asInt()).isGreaterThanOrEqualTo(25);
            assertThat(result.get("measured").asText()).as("v2's sessions: both ends in one process")
                    .isEqualTo("both ends");
        });
    }

    @Test
    void refusesARecordLargerThanTheProtocolAllows() throws Exception {
        Subprocess bench = Subprocess.minitls(dir, "bench", "--mode", "bulk", "--size", "16385");

        assertThat(bench.awaitExit()).as(bench.printed()).isEqualTo(1);
        assertThat(bench.stderr()).containsExactly("minitls: --size must be 0 to 16384, got 16385");
    }

    @Test
    void showsTheStackTraceOfAFailureWithVerbose() throws Exception {
        Subprocess bench = Subprocess.minitls(dir, "bench", "--mode", "bulk", "--size", "16385", "--verbose");

        assertThat(bench.awaitExit()).as(bench.printed()).isEqualTo(1);
        assertThat(bench.stderr()).first().asString()
                .isEqualTo("dev.minitls.cli.runtime.UserError: --size must be 0 to 16384, got 16385");
        assertThat(bench.stderr()).anyMatch(line -> line.startsWith("\tat dev.minitls.cli.command.BenchCommand."))
                .last().asString().isEqualTo("minitls: --size must be 0 to 16384, got 16385");
    }

    private List<JsonNode> json(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bench", "--warmup", "0", "--json"));
        command.addAll(List.of(args));
        Subprocess bench = Subprocess.minitls(dir, command.toArray(String[]::new));
        assertThat(bench.awaitExit()).as(bench.printed()).isZero();
        List<JsonNode> results = new ArrayList<>();
        for (String line : bench.stdout()) {
            results.add(JSON.readTree(line));
        }
        return results;
    }

    private static void assertCommonFields(JsonNode result, String impl, String mode, String protocol,
            String provider, int concurrency) {
        assertThat(result.get("impl").asText()).isEqualTo(impl);
        assertThat(result.get("mode").asText()).isEqualTo(mode);
        assertThat(result.get("protocol").asText()).isEqualTo(protocol);
        assertThat(result.get("provider").asText()).isEqualTo(provider);
        assertThat(result.get("concurrency").asInt()).isEqualTo(concurrency);
        assertThat(result.get("figure").isNumber()).isTrue();
        assertThat(result.get("unit").asText()).isNotBlank();
    }
}
