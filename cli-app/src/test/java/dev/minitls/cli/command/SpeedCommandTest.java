package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.cli.bench.Primitive;
import dev.minitls.cli.support.Subprocess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minitls speed} runs briefly and prints well-formed output: a JSON object per figure, or a table. What the
 * figures are is not checked: a benchmark is a command, never a timed assertion.
 */
class SpeedCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void printsOneJsonObjectPerPrimitiveAndTheHandshakeFloor() throws Exception {
        Subprocess speed = Subprocess.minitls(dir, "speed", "--provider", "fast", "--seconds", "0.01",
                "--warmup", "0", "--json");

        assertThat(speed.awaitExit()).as(speed.printed()).isZero();
        List<JsonNode> figures = new ArrayList<>();
        for (String line : speed.stdout()) {
            figures.add(JSON.readTree(line));
        }
        assertThat(figures).hasSize(Primitive.values().length + 1).allSatisfy(figure -> {
            assertThat(figure.get("impl").asText()).isEqualTo("minitls");
            assertThat(figure.get("provider").asText()).isEqualTo("fast");
            assertThat(figure.get("ops_per_s").isNumber()).isTrue();
            assertThat(figure.get("ops_per_s").asDouble()).isPositive();
        });
        assertThat(figures).extracting(figure -> figure.get("primitive").asText())
                .containsAll(Arrays.stream(Primitive.values()).map(Primitive::id).toList())
                .contains("handshake-floor");
        assertThat(figures).filteredOn(figure -> figure.get("primitive").asText().startsWith("aes-256-gcm"))
                .extracting(figure -> figure.get("bytes").asInt())
                .containsExactlyInAnyOrder(1024, 1024, 16 * 1024, 16 * 1024);
        assertThat(figures).filteredOn(figure -> figure.has("bytes"))
                .allSatisfy(figure -> assertThat(figure.get("mib_per_s").asDouble()).isPositive());
    }

    @Test
    void printsATableWithARowPerPrimitiveAndAColumnPerProvider() throws Exception {
        Subprocess speed = Subprocess.minitls(dir, "speed", "--seconds", "0.01", "--warmup", "0");

        assertThat(speed.awaitExit()).as(speed.printed()).isZero();
        List<String> lines = speed.stdout();
        assertThat(lines.get(0)).startsWith("minitls speed: 0.01 s per figure");
        assertThat(lines.get(1).split("\\s+")).containsExactly("primitive", "bc", "jca", "fast");
        for (Primitive primitive : Primitive.values()) {
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(primitive.label())
                    .matches(".*(\\d[\\d,.]*(/s| MiB/s)\\s*){3}"));
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("handshake floor, one core"));
    }

    @Test
    void refusesAnUnknownProviderAndAZeroMeasuringTimeInOneLine() throws Exception {
        Subprocess unknown = Subprocess.minitls(dir, "speed", "--provider", "openssl");
        Subprocess zero = Subprocess.minitls(dir, "speed", "--seconds", "0");

        assertThat(unknown.awaitExit()).as(unknown.printed()).isEqualTo(2);
        assertThat(unknown.stderr()).containsExactly("minitls: Invalid value for option '--provider' (NAME|all):"
                + " expected bc, jca, fast or all, got 'openssl' (see 'minitls speed --help')");
        assertThat(zero.awaitExit()).as(zero.printed()).isEqualTo(2);
        assertThat(zero.stderr()).containsExactly("minitls: Invalid value for option '--seconds': expected seconds"
                + " from 0.001 to 3600, got '0' (see 'minitls speed --help')");
    }

    @Test
    void acceptsVerboseAsEveryCommandDoes() throws Exception {
        Subprocess speed = Subprocess.minitls(dir, "speed", "--provider", "fast", "--seconds", "0.001",
                "--warmup", "0", "--json", "--verbose");

        assertThat(speed.awaitExit()).as(speed.printed()).isZero();
        assertThat(speed.stderr()).isEmpty();
    }
}
