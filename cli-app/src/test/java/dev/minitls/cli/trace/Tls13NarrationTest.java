package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13ClientHandshake;
import dev.minitls.domain.handshake.Tls13ServerHandshake;
import dev.minitls.domain.handshake.Tls13Session;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.trace.Step;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.InMemoryTls13Records;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a tls13 handshake and session are told: the seed's steps stay the backbone, the TLS 1.3 messages (the hellos,
 * a HelloRetryRequest, EncryptedExtensions, KeyUpdate) are told at the step they belong to with what they negotiate,
 * and only key material is marked secret; in text and in JSON.
 */
class Tls13NarrationTest {

    private static final CryptoProvider CRYPTO = new InsecureTestCrypto();
    private static final TestCertificates.Pki PKI = TestCertificates.pki();
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private final RecordedEvents client = new RecordedEvents();
    private final RecordedEvents server = new RecordedEvents();

    @Test
    void aHandshakeWithAHelloRetryRequestIsToldStepByStepWithTheSuiteAndGroup() throws Exception {
        session(CipherSuite.TLS_AES_256_GCM_SHA384);

        assertThat(told(client)).containsExactly(
                "5 sent ClientHello (TLS 1.3) for \"example-server\": suites [TLS_AES_256_GCM_SHA384],"
                        + " groups [x25519, secp256r1], key shares for [x25519]",
                "7 received HelloRetryRequest: TLS_AES_256_GCM_SHA384, a key share for secp256r1 wanted;"
                        + " the first ClientHello becomes message_hash in the transcript",
                "5 sent ClientHello (TLS 1.3) for \"example-server\": suites [TLS_AES_256_GCM_SHA384],"
                        + " groups [x25519, secp256r1], key shares for [secp256r1]",
                "7 received ServerHello (TLS 1.3): TLS_AES_256_GCM_SHA384, secp256r1",
                "8 secp256r1 ECDH(client private key, server key share)",
                "9 TLS 1.3 key schedule (RFC 8446 section 7.1) over the shared secret and the hellos;"
                        + " the rest of the handshake is encrypted",
                "9 received EncryptedExtensions (0 extensions), the first message under the handshake keys",
                "10 received the server certificate of \"CN=example-server\"",
                "11 issued by the trusted root \"CN=Test Root\", its signature verifies with the root's key,"
                        + " valid now, issued to example-server",
                "13 the Ed25519 signature verifies with the certificate's key",
                "14 the server's Finished MAC matches our transcript",
                "14 sent client Finished: HMAC-SHA384(client finished key, transcript hash)",
                "15 application keys derived",
                "15 sent KeyUpdate (update_requested: the other side answers with its own);"
                        + " the sender's next records use its next traffic secret",
                "15 received KeyUpdate (update_not_requested); the sender's next records use its next traffic secret",
                "15 sent close_notify");
        assertThat(told(server)).contains(
                "5 received ClientHello (TLS 1.3) for \"example-server\": suites [TLS_AES_256_GCM_SHA384],"
                        + " groups [x25519, secp256r1], key shares for [x25519]",
                "7 sent HelloRetryRequest: TLS_AES_256_GCM_SHA384, a key share for secp256r1 wanted;"
                        + " the first ClientHello becomes message_hash in the transcript",
                "8 secp256r1 ECDH(server private key, client key share)",
                "9 sent EncryptedExtensions (0 extensions), the first message under the handshake keys",
                "14 sent server Finished: HMAC-SHA384(server finished key, transcript hash)",
                "15 sent KeyUpdate (update_not_requested); the sender's next records use its next traffic secret");
    }

    @Test
    void onlyKeyMaterialIsMarkedSecretAndKeySharesAreShown() throws Exception {
        session(CipherSuite.TLS_AES_128_GCM_SHA256);

        for (RecordedEvents side : List.of(client, server)) {
            List<TraceValue> values = side.events().stream().flatMap(e -> e.values().stream()).toList();
            assertThat(values.stream().filter(TraceValue::secret).map(TraceValue::name)).containsExactly(
                    "shared secret", "handshake_secret", "client_handshake_traffic_secret",
                    "server_handshake_traffic_secret", "client_application_traffic_secret_0",
                    "server_application_traffic_secret_0", "exporter_master_secret");
            assertThat(values.stream().filter(value -> !value.secret()).map(TraceValue::name)).contains(
                    "random", "legacy_session_id", "key share (x25519)", "key share (secp256r1)");
        }
    }

    @Test
    void theJsonTraceCarriesTheStepTheWordsAndTheSecretMarks() throws Exception {
        session(CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonTraceWriter writer = new JsonTraceWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        client.events().forEach(writer::print);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = bytes.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return json.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
        JsonNode retry = lines.get(1);
        assertThat(retry.get("step").asInt()).isEqualTo(Step.SERVER_HELLO.number());
        assertThat(retry.get("step_name").asText()).isEqualTo("ServerHello");
        assertThat(retry.get("description").asText()).startsWith("received HelloRetryRequest");
        JsonNode keys = lines.stream().filter(line -> line.get("description").asText().startsWith("TLS 1.3 key"))
                .findFirst().orElseThrow();
        assertThat(keys.get("values")).allSatisfy(value -> assertThat(value.get("secret").asBoolean()).isTrue());
        assertThat(keys.get("values").get(0).get("value").asText()).hasSize(64);
    }

    /**
     * A handshake in {@code suite} with a HelloRetryRequest (the client shares x25519, the server takes secp256r1
     * only), a KeyUpdate from the client, answered, data each way, then close_notify.
     */
    private void session(CipherSuite suite) throws Exception {
        InMemoryTls13Records[] ends = InMemoryTls13Records.pair();
        Clock clock = Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC);
        CompletableFuture<Tls13Session> accepted = CompletableFuture.supplyAsync(() -> Tls13ServerHandshake.accept(
                ends[1], new ServerConfig(CRYPTO, FixedRandom.counting(), PKI.serverPem(),
                        CRYPTO.ed25519SigningKey(PKI.serverKey()), server),
                Tls13Settings.DEFAULT.withGroups(List.of(NamedGroup.SECP256R1))));
        Tls13Session session = Tls13ClientHandshake.connect(ends[0], new ClientConfig(CRYPTO, FixedRandom.counting(),
                clock, PKI.root(), TestCertificates.SERVER_NAME, ProtocolVersion.V2, client),
                Tls13Settings.only(suite).withGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)));
        Tls13Session serverSession = accepted.get(20, TimeUnit.SECONDS);
        session.requestKeyUpdate();
        session.send(PING);
        assertThat(serverSession.receive()).hasValue(PING);
        serverSession.send(PING);
        assertThat(session.receive()).hasValue(PING);
        session.close();
        assertThat(serverSession.receive()).isEmpty();
    }

    private static List<String> told(RecordedEvents side) {
        return side.events().stream().map(e -> e.step().number() + " " + e.description()).toList();
    }
}
