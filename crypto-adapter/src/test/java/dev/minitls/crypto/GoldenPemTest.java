package dev.minitls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.pem.Pem;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Pem} (domain) against the PEM files Python's {@code cryptography} wrote for the original program. */
class GoldenPemTest {

    @Test
    void encodesExactlyAsPythonAndOpensslDo() {
        JsonNode golden = VectorFiles.read("seed-v1-golden.json");
        for (String field : new String[] {"root_ca_certificate_pem", "server_certificate_pem"}) {
            String text = golden.get(field).textValue();
            assertThat(Pem.encode(Pem.CERTIFICATE, Pem.decode(Pem.CERTIFICATE, ascii(text)))).isEqualTo(text);
        }
        String key = golden.get("server_private_key_pem").textValue();
        assertThat(Pem.encode("PRIVATE KEY", Pem.decode("PRIVATE KEY", ascii(key)))).isEqualTo(key);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
