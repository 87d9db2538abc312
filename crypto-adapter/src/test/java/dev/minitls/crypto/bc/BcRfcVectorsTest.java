package dev.minitls.crypto.bc;

import static dev.minitls.crypto.VectorFiles.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minitls.crypto.VectorFiles;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.SigningKey;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The Bouncy Castle provider against the RFC test vectors in {@code rfc-vectors.json}. */
class BcRfcVectorsTest {

    private final BcCryptoProvider crypto = new BcCryptoProvider();
    private JsonNode vectors;

    @BeforeEach
    void readVectors() {
        vectors = VectorFiles.read("rfc-vectors.json");
    }

    @TestFactory
    Stream<DynamicTest> hkdfRfc5869() {
        return cases("hkdf_sha256_rfc5869", "test_case", vector -> {
            byte[] prk = crypto.hkdfExtract(HashAlgorithm.SHA256, hex(vector.get("salt")), hex(vector.get("ikm")));
            assertThat(prk).isEqualTo(hex(vector.get("prk")));
            assertThat(crypto.hkdfExpand(HashAlgorithm.SHA256, prk, hex(vector.get("info")),
                    vector.get("length").intValue()))
                    .isEqualTo(hex(vector.get("okm")));
        });
    }

    @TestFactory
    Stream<DynamicTest> hmacRfc4231() {
        return cases("hmac_sha256_rfc4231", "test_case", vector ->
                assertThat(crypto.hmac(HashAlgorithm.SHA256, hex(vector.get("key")), hex(vector.get("data"))))
                        .isEqualTo(hex(vector.get("mac"))));
    }

    @TestFactory
    Stream<DynamicTest> ed25519Rfc8032() {
        return cases("ed25519_rfc8032", "name", vector -> {
            SigningKey key = crypto.ed25519SigningKey(hex(vector.get("secret_key")));
            byte[] message = hex(vector.get("message"));
            assertThat(key.publicKey()).isEqualTo(hex(vector.get("public_key")));
            assertThat(key.sign(message)).isEqualTo(hex(vector.get("signature")));
            assertThat(crypto.ed25519Verify(key.publicKey(), message, hex(vector.get("signature")))).isTrue();
        });
    }

    @Test
    void x25519Rfc7748Section52() {
        List<JsonNode> section = list(vectors.get("x25519_rfc7748").get("section_5_2"));
        assertThat(section).hasSize(2);
        for (JsonNode vector : section) {
            assertThat(crypto.x25519(hex(vector.get("scalar")), hex(vector.get("u_coordinate"))))
                    .isEqualTo(hex(vector.get("output")));
        }
    }

    @Test
    void x25519Rfc7748Section61() {
        JsonNode vector = vectors.get("x25519_rfc7748").get("section_6_1");
        byte[] alicePrivate = hex(vector.get("alice_private"));
        byte[] bobPrivate = hex(vector.get("bob_private"));

        assertThat(crypto.x25519PublicKey(alicePrivate)).isEqualTo(hex(vector.get("alice_public")));
        assertThat(crypto.x25519PublicKey(bobPrivate)).isEqualTo(hex(vector.get("bob_public")));
        assertThat(crypto.x25519(alicePrivate, hex(vector.get("bob_public")))).isEqualTo(hex(vector.get("shared")));
        assertThat(crypto.x25519(bobPrivate, hex(vector.get("alice_public")))).isEqualTo(hex(vector.get("shared")));
    }

    private Stream<DynamicTest> cases(String group, String nameField, Consumer<JsonNode> check) {
        List<JsonNode> all = list(vectors.get(group));
        assertThat(all).as(group).isNotEmpty();
        return all.stream().map(vector -> dynamicTest(vector.get(nameField).textValue(), () -> check.accept(vector)));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
