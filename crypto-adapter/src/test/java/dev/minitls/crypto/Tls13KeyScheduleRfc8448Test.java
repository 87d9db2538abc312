package dev.minitls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.crypto.jca.JcaCryptoProvider;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.Tls13KeySchedule;
import dev.minitls.domain.keys.Tls13KeySchedule.HandshakeSecret;
import dev.minitls.domain.keys.Tls13KeySchedule.MasterSecret;
import dev.minitls.domain.keys.Tls13KeySchedule.TrafficSecret;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.CryptoProvider;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The domain's TLS 1.3 key schedule, run on each real provider, against RFC 8448 section 3 (Simple 1-RTT
 * Handshake). RFC 8448 uses AES-128 keys: the 16-byte expansions are checked as given; everything else does not
 * depend on the key length.
 */
class Tls13KeyScheduleRfc8448Test {

    static Stream<CryptoProvider> providers() {
        return Stream.of(new BcCryptoProvider(), new JcaCryptoProvider());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void everySecretKeyAndIvMatchesRfc8448(CryptoProvider crypto) {
        JsonNode v = VectorFiles.read("rfc-vectors.json").get("tls13_key_schedule_rfc8448_simple_1rtt");
        Tls13KeySchedule schedule = new Tls13KeySchedule(crypto);

        byte[] shared = crypto.x25519(hex(v, "client_x25519_private"), hex(v, "server_x25519_public"));
        assertThat(shared).isEqualTo(hex(v, "ecdhe_shared_secret"));

        Tls13KeySchedule.EarlySecret early = schedule.earlySecret();
        assertThat(bytes(early.secret())).isEqualTo(hex(v, "early_secret"));

        HandshakeSecret handshake = early.handshakeSecret(shared);
        assertThat(bytes(handshake.secret())).isEqualTo(hex(v, "handshake_secret"));
        byte[] helloHash = hex(v, "transcript_hash_client_hello_server_hello");
        TrafficSecret clientHandshake = handshake.clientHandshakeTrafficSecret(helloHash);
        TrafficSecret serverHandshake = handshake.serverHandshakeTrafficSecret(helloHash);
        assertThat(bytes(clientHandshake.secret())).isEqualTo(hex(v, "client_handshake_traffic_secret"));
        assertThat(bytes(serverHandshake.secret())).isEqualTo(hex(v, "server_handshake_traffic_secret"));
        assertKeys(clientHandshake.trafficKeys(16), hex(v, "client_handshake_key_16"), hex(v, "client_handshake_iv"));
        assertKeys(serverHandshake.trafficKeys(16), hex(v, "server_handshake_key_16"), hex(v, "server_handshake_iv"));
        assertThat(bytes(clientHandshake.finishedKey())).isEqualTo(hex(v, "client_finished_key"));
        assertThat(bytes(serverHandshake.finishedKey())).isEqualTo(hex(v, "server_finished_key"));

        byte[] throughServerFinished = hex(v, "transcript_hash_through_server_finished");
        assertThat(crypto.hmacSha256(bytes(clientHandshake.finishedKey()), throughServerFinished))
                .isEqualTo(hex(v, "client_finished_verify_data"));

        MasterSecret master = handshake.masterSecret();
        assertThat(bytes(master.secret())).isEqualTo(hex(v, "master_secret"));
        TrafficSecret clientApplication = master.clientApplicationTrafficSecret(throughServerFinished);
        TrafficSecret serverApplication = master.serverApplicationTrafficSecret(throughServerFinished);
        assertThat(bytes(clientApplication.secret())).isEqualTo(hex(v, "client_application_traffic_secret"));
        assertThat(bytes(serverApplication.secret())).isEqualTo(hex(v, "server_application_traffic_secret"));
        assertKeys(clientApplication.trafficKeys(16), hex(v, "client_application_key_16"),
                hex(v, "client_application_iv"));
        assertKeys(serverApplication.trafficKeys(16), hex(v, "server_application_key_16"),
                hex(v, "server_application_iv"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void intermediateDerivedSaltsMatchRfc8448(CryptoProvider crypto) {
        JsonNode v = VectorFiles.read("rfc-vectors.json").get("tls13_key_schedule_rfc8448_simple_1rtt");
        Tls13KeySchedule schedule = new Tls13KeySchedule(crypto);
        byte[] emptyHash = crypto.sha256().digestSoFar();
        assertThat(schedule.expandLabel(hex(v, "early_secret"), "derived", emptyHash, 32))
                .isEqualTo(hex(v, "derived_for_handshake"));
        assertThat(schedule.expandLabel(hex(v, "handshake_secret"), "derived", emptyHash, 32))
                .isEqualTo(hex(v, "derived_for_master"));
    }

    private static void assertKeys(TrafficKeys keys, byte[] key, byte[] iv) {
        assertThat(bytes(keys.key())).isEqualTo(key);
        assertThat(bytes(keys.iv())).isEqualTo(iv);
    }

    private static byte[] bytes(Secret secret) {
        return secret.bytes();
    }

    private static byte[] hex(JsonNode v, String field) {
        return VectorFiles.hex(v.get(field));
    }
}
