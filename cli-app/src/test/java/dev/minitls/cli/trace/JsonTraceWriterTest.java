package dev.minitls.cli.trace;

import static dev.minitls.cli.trace.TraceValue.open;
import static dev.minitls.cli.trace.TraceValue.secret;
import static dev.minitls.cli.trace.TraceValue.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON trace: one object per event and per line, every value in full, readable by any JSON parser. */
class JsonTraceWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonTraceWriter writer =
            new JsonTraceWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @Test
    void eachEventIsOneLineWithEveryPartAndEveryValue() throws Exception {
        writer.print(new Narration(Side.SERVER, "127.0.0.1:5555", Step.SHARED_SECRET, "X25519",
                List.of(secret("shared secret", new byte[] {1, (byte) 0xfe}), text("names", "CN=a"))));
        writer.print(new Narration(Side.CLIENT, "", Step.CONNECT, "connecting", List.of()));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("side").asText()).isEqualTo("server");
        assertThat(first.get("peer").asText()).isEqualTo("127.0.0.1:5555");
        assertThat(first.get("step").asInt()).isEqualTo(8);
        assertThat(first.get("step_name").asText()).isEqualTo("X25519 shared secret");
        assertThat(first.get("description").asText()).isEqualTo("X25519");
        assertThat(first.get("values")).hasSize(2);
        assertThat(first.get("values").get(0).toString())
                .isEqualTo("{\"name\":\"shared secret\",\"kind\":\"bytes\",\"value\":\"01fe\",\"secret\":true}");
        assertThat(first.get("values").get(1).toString())
                .isEqualTo("{\"name\":\"names\",\"kind\":\"text\",\"value\":\"CN=a\",\"secret\":false}");
        assertThat(JSON.readTree(lines.get(1)).get("values")).isEmpty();
    }

    @Test
    void quotesControlCharactersAndNonAsciiAreEscapedSoEachLineIsPlainAscii() throws Exception {
        String nasty = "a \"quoted\" back\\slash, new\nline, \u001b escape, caf\u00e9, \u2028";
        writer.print(new Narration(Side.CLIENT, "", Step.CERTIFICATE, nasty,
                List.of(text("subject", nasty), open("empty", new byte[0]))));

        String line = bytes.toString(StandardCharsets.UTF_8);
        assertThat(line.lines()).hasSize(1);
        assertThat(line.chars()).allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f));
        JsonNode event = JSON.readTree(line);
        assertThat(event.get("description").asText()).isEqualTo(nasty);
        assertThat(event.get("values").get(0).get("value").asText()).isEqualTo(nasty);
        assertThat(event.get("values").get(1).get("value").asText()).isEmpty();
    }
}
