package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.domain.trace.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minitls demo --trace=json} shows every step with its real values, and the client and the server agree
 * wherever both know a value: the randoms and key shares, each transcript hash, the shared secret and every secret
 * derived from it, the signed content and the signature, both Finished MACs, and every record, the same where it
 * was sealed and where it was opened.
 */
class DemoTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void inV2BothSidesAgreeOnEveryValueTheyShare() throws Exception {
        List<JsonNode> events = demo("--trace=json");

        Set<String> compared = assertSidesAgree(events);
        assertThat(compared).contains("random", "key share", "transcript", "shared secret", "early_secret",
                "handshake_secret", "client_handshake_traffic_secret", "server_handshake_traffic_secret",
                "client_handshake_key", "server_handshake_iv", "client_finished_key", "server_finished_key",
                "certificate (PEM)", "server Finished", "client Finished", "master_secret",
                "client_application_traffic_secret_0", "server_application_traffic_secret_0",
                "client_application_key", "server_application_iv");
        assertThat(records(events, "client")).as("3 handshake records, the client's Finished, 3 messages, 3 echoes"
                + " and 2 close_notify").hasSize(12);
    }

    @Test
    void inV1WithTheJdkProviderBothSidesAgreeToo() throws Exception {
        List<JsonNode> events = demo("--trace=json", "--protocol", "v1", "--provider", "jca");

        Set<String> compared = assertSidesAgree(events);
        assertThat(compared).contains("random", "key share", "transcript", "shared secret", "derived_key",
                "finished_key_server", "finished_key_client", "client_app_key", "server_app_iv",
                "certificate (PEM)", "server Finished", "client Finished");
        assertThat(records(events, "client")).as("v1: the 3 messages, in clear until then, no echo").hasSize(3);
    }

    /**
     * The demo over real TLS 1.3 runs with a trace and the sides agree where both trace a value; TLS 1.3's own
     * messages (the hellos, EncryptedExtensions, KeyUpdate) and its transcript are not traced in words yet.
     */
    @Test
    void inTls13TheDemoRunsTracedAndBothSidesAgree() throws Exception {
        try (Subprocess demo = Subprocess.minitls(dir, "demo", "--protocol", "tls13", "--trace")) {
            assertThat(demo.awaitExit()).as(demo.printed()).isZero();
            assertThat(demo.stdout()).first().isEqualTo(Tracing.WARNING);
            assertThat(demo.stdout()).last().asString().startsWith("done: handshake complete, 3 messages decrypted"
                    + " by the server and echoed back to the client");
        }
        try (Subprocess demo = Subprocess.minitls(dir, "demo", "--protocol", "tls13", "--trace=json")) {
            assertThat(demo.awaitExit()).as(demo.printed()).isZero();
            List<JsonNode> events = new ArrayList<>();
            for (String line : demo.stdout()) {
                events.add(JSON.readTree(line));
            }
            assertThat(assertSharedValuesAgree(events)).contains("shared secret", "client_handshake_traffic_secret",
                    "server_handshake_traffic_secret", "client_application_traffic_secret_0",
                    "server_application_traffic_secret_0", "server Finished", "client Finished");
        }
    }

    @Test
    void theTextTraceHasTheWarningFirstABlockForEveryStepAndNoColourWhenPiped() throws Exception {
        try (Subprocess demo = Subprocess.minitls(dir, "demo", "--trace")) {
            assertThat(demo.awaitExit()).as(demo.printed()).isZero();
            List<String> out = demo.stdout();

            assertThat(out).first().isEqualTo(Tracing.WARNING);
            for (Step step : Step.values()) {
                assertThat(out).as("a block for step %s", step.number())
                        .anyMatch(line -> line.startsWith("── " + step.number() + " " + Narration.title(step) + " ─"));
            }
            assertThat(out).anyMatch(line -> line.matches(" {5}shared secret \\[secret] {2}[0-9a-f]{64}"));
            assertThat(String.join("\n", out)).doesNotContain("\u001b");
            assertThat(out).last().asString().startsWith("done: handshake complete");
        }
    }

    /** Runs the demo; checks that standard output is JSON lines alone and that they cover the 15 steps. */
    private List<JsonNode> demo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("demo"));
        command.addAll(List.of(args));
        try (Subprocess demo = Subprocess.minitls(dir, command.toArray(String[]::new))) {
            assertThat(demo.awaitExit()).as(demo.printed()).isZero();
            assertThat(demo.stderr()).first().isEqualTo(Tracing.WARNING);
            assertThat(demo.stderr()).last().asString().startsWith("done: handshake complete");
            List<JsonNode> events = new ArrayList<>();
            for (String line : demo.stdout()) {
                events.add(JSON.readTree(line));
            }
            assertThat(events.stream().map(e -> e.get("step").asInt()).distinct().sorted())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 15).boxed().toList());
            assertThat(events).anyMatch(e -> values(e).stream().anyMatch(v -> v.get("secret").asBoolean()));
            return events;
        }
    }

    /**
     * For each step from 5 to 15 and each value name both sides traced at that step, records aside, the two sides
     * traced the same values in the same order; the records each side traced are the same; the server's signed
     * content and signature (step 12) are what the client checked (step 13). Returns the names compared.
     */
    private static Set<String> assertSidesAgree(List<JsonNode> events) {
        Set<String> compared = assertSharedValuesAgree(events);
        assertThat(byName(events, "client", 13)).containsEntry("signed content",
                byName(events, "server", 12).get("signed content"))
                .containsEntry("signature", byName(events, "server", 12).get("signature"));
        assertThat(byName(events, "client", 6).get("transcript")).hasSize(6);
        assertThat(records(events, "client")).containsExactlyInAnyOrderElementsOf(records(events, "server"));
        return compared;
    }

    /**
     * For each step from 5 to 15 and each value name both sides traced at that step, records aside, the two sides
     * traced the same values in the same order. Returns the names compared.
     */
    private static Set<String> assertSharedValuesAgree(List<JsonNode> events) {
        Set<String> compared = new TreeSet<>();
        for (int step = 5; step <= 15; step++) {
            Map<String, List<String>> client = byName(events, "client", step);
            Map<String, List<String>> server = byName(events, "server", step);
            for (String name : client.keySet()) {
                if (server.containsKey(name)) {
                    assertThat(client.get(name)).as("step %s, %s", step, name).isEqualTo(server.get(name));
                    compared.add(name);
                }
            }
        }
        return compared;
    }

    /** The values one side traced at one step, by name, records aside. */
    private static Map<String, List<String>> byName(List<JsonNode> events, String side, int step) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        events.stream().filter(e -> e.get("side").asText().equals(side) && e.get("step").asInt() == step)
                .flatMap(e -> values(e).stream())
                .filter(v -> !v.get("name").asText().startsWith("record "))
                .forEach(v -> values.computeIfAbsent(v.get("name").asText(), name -> new ArrayList<>())
                        .add(v.get("value").asText()));
        return values;
    }

    /** Every record one side traced: {@code seq nonce ciphertext plaintext}. */
    private static List<String> records(List<JsonNode> events, String side) {
        List<String> records = new ArrayList<>();
        for (JsonNode event : events) {
            Map<String, String> values = new LinkedHashMap<>();
            values(event).forEach(v -> values.put(v.get("name").asText(), v.get("value").asText()));
            if (event.get("side").asText().equals(side) && values.containsKey("record seq")) {
                records.add(String.join(" ", values.get("record seq"), values.get("record nonce"),
                        values.get("record ciphertext"), values.get("record plaintext")));
            }
        }
        return records;
    }

    private static List<JsonNode> values(JsonNode event) {
        return StreamSupport.stream(event.get("values").spliterator(), false).toList();
    }
}
