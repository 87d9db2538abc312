package dev.minitls.transport.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** JSON string literals for other output, escaped as on the wire. */
class JsonStringsTest {

    @Test
    void quotesAsPythonsJsonDumpsDoes() {
        // python3 -c 'import json; print(json.dumps("say \"hi\"\\\n\tcaf\u00e9 \U0001F600 \x7f"))'
        assertThat(JsonStrings.quote("say \"hi\"\\\n\tcaf\u00e9 \uD83D\uDE00 \u007f"))
                .isEqualTo("\"say \\\"hi\\\"\\\\\\n\\tcaf\\u00e9 \\ud83d\\ude00 \\u007f\"");
    }
}
