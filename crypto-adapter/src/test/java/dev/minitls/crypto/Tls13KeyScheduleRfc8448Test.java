package dev.minitls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.crypto.fast.FastCryptoProvider;
import dev.minitls.crypto.jca.JcaCryptoProvider;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.Tls13KeySchedule;
import dev.minitls.domain.keys.Tls13KeySchedule.HandshakeSecret;
import dev.minitls.domain.keys.Tls13KeySchedule.MasterSecret;
import dev.minitls.domain.keys.Tls13KeySchedule.TrafficSecret;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import java.nio.charset.StandardCharsets;
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
        return Stream.of(new BcCryptoProvider(), new JcaCryptoProvider(), new FastCryptoProvider());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void everySecretKeyAndIvMatchesRfc8448(CryptoProvider crypto) {
        JsonNode v = VectorFiles.read("rfc-vectors.json").get("tls13_key_schedule_rfc8448_simple_1rtt");
        Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);

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
        assertThat(crypto.hmac(HashAlgorithm.SHA256, bytes(clientHandshake.finishedKey()), throughServerFinished))
                .isEqualTo(hex(v, "client_finished_verify_data"));

        MasterSecret master = handshake.masterSecret();
        assertThat(bytes(master.secret())).isEqualTo(hex(v, "master_secret"));
        TrafficSecret clientApplication = master.clientApplicationTrafficSecret(throughServerFinished);
        TrafficSecret serverApplication = master.serverApplicationTrafficSecret(throughServerFinished);
        assertThat(bytes(clientApplication.secret())).isEqualTo(hex(v, "client_application_traffic_secret"));
        assertThat(bytes(serverApplication.secret())).isEqualTo(hex(v, "server_application_traffic_secret"));
        assertThat(bytes(master.exporterMasterSecret(throughServerFinished)))
                .isEqualTo(hex(v, "exporter_master_secret"));
        assertKeys(clientApplication.trafficKeys(16), hex(v, "client_application_key_16"),
                hex(v, "client_application_iv"));
        assertKeys(serverApplication.trafficKeys(16), hex(v, "server_application_key_16"),
                hex(v, "server_application_iv"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void intermediateDerivedSaltsMatchRfc8448(CryptoProvider crypto) {
        JsonNode v = VectorFiles.read("rfc-vectors.json").get("tls13_key_schedule_rfc8448_simple_1rtt");
        Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
        byte[] emptyHash = crypto.hash(HashAlgorithm.SHA256).digestSoFar();
        assertThat(schedule.expandLabel(hex(v, "early_secret"), "derived", emptyHash, 32))
                .isEqualTo(hex(v, "derived_for_handshake"));
        assertThat(schedule.expandLabel(hex(v, "handshake_secret"), "derived", emptyHash, 32))
                .isEqualTo(hex(v, "derived_for_master"));
    }

    /**
     * The same schedule with SHA-384 (TLS_AES_256_GCM_SHA384), which RFC 8448 does not show: RFC 8448's shared
     * secret, and SHA-384 of two stand-in transcripts. The expected values come from an independent derivation with
     * Python's {@code hmac} and {@code hashlib} (RFC 5869 and RFC 8446 section 7.1 written out in a dozen lines); the
     * early secret is the well-known SHA-384 one of every TLS 1.3 handshake without a PSK.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void withSha384EverySecretMatchesAnIndependentDerivation(CryptoProvider crypto) {
        JsonNode v = VectorFiles.read("rfc-vectors.json").get("tls13_key_schedule_rfc8448_simple_1rtt");
        Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA384);
        byte[] helloHash = sha384(crypto, "ClientHello..ServerHello");
        byte[] finishedHash = sha384(crypto, "ClientHello..server Finished");

        Tls13KeySchedule.EarlySecret early = schedule.earlySecret();
        HandshakeSecret handshake = early.handshakeSecret(hex(v, "ecdhe_shared_secret"));
        TrafficSecret clientHandshake = handshake.clientHandshakeTrafficSecret(helloHash);
        MasterSecret master = handshake.masterSecret();

        assertThat(bytes(early.secret())).isEqualTo(hex(
                "7ee8206f5570023e6dc7519eb1073bc4e791ad37b5c382aa10ba18e2357e716971f9362f2c2fe2a76bfd78dfec4ea9b5"));
        assertThat(bytes(handshake.secret())).isEqualTo(hex(
                "984e65f4ea6ac0dece14762ac3752b71867a045c60d3fe7808b31949d2ce27d3142e6da6d92a68437f77c26509ce0b2b"));
        assertThat(bytes(clientHandshake.secret())).isEqualTo(hex(
                "6b0fcd583429a896a279d3f9c07fc87de79d9cafd7261b25ae40863363e97c5be3708d1751ff049bbdc684812416d79c"));
        assertKeys(clientHandshake.trafficKeys(32),
                hex("2e5abbed85e3a7c390995991cd4ba41d143294027f2edb7f3a5cfc39cdf9daa4"),
                hex("3b409a004caabf19f957a141"));
        assertThat(bytes(clientHandshake.finishedKey())).isEqualTo(hex(
                "5d2ee506464591c7b70c80e66808ae57a900b72581eea9644f94d4d597f3ce0ad6e2a2d41520e95a8497fbbfa5b9caa6"));
        assertThat(bytes(master.secret())).isEqualTo(hex(
                "2915f95014de3957dad1c2764430fa490ffbe027a09be69e4da30a27969b40081308dbd17cb65a35332215cfc8cf4a2f"));
        assertThat(bytes(master.serverApplicationTrafficSecret(finishedHash).secret())).isEqualTo(hex(
                "c3c98af1915f602f9d248bfef0ab55646bb5498bd0c55e3d5fdfa20ba025e02712a232a4a776410083ae68a0439eceb0"));
    }

    private static byte[] sha384(CryptoProvider crypto, String text) {
        HashContext hash = crypto.hash(HashAlgorithm.SHA384);
        hash.update(text.getBytes(StandardCharsets.US_ASCII));
        return hash.digestSoFar();
    }

    private static void assertKeys(TrafficKeys keys, byte[] key, byte[] iv) {
        assertThat(bytes(keys.key())).isEqualTo(key);
        assertThat(bytes(keys.iv())).isEqualTo(iv);
    }

    private static byte[] bytes(Secret secret) {
        return secret.bytes();
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static byte[] hex(JsonNode v, String field) {
        return VectorFiles.hex(v.get(field));
    }
}
