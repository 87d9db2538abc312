package dev.minitls.domain.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of the TLS 1.3 key schedule, with the test double: the HkdfLabel each expansion hands to HKDF-Expand
 * (RFC 8446 section 7.1), built here byte by byte, and the stages' secrets. Its values are checked with real crypto
 * against RFC 8448 by the adapters' {@code Tls13KeyScheduleRfc8448Test}.
 */
class Tls13KeyScheduleTest {

    /** Remembers the {@code info} of every HKDF-Expand, and the hash of every HKDF call. */
    private static final class RecordingCrypto extends InsecureTestCrypto {
        final List<byte[]> infos = new ArrayList<>();
        final List<HashAlgorithm> hashes = new ArrayList<>();

        @Override
        public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
            hashes.add(algorithm);
            return super.hkdfExtract(algorithm, salt, ikm);
        }

        @Override
        public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
            infos.add(info.clone());
            hashes.add(algorithm);
            return super.hkdfExpand(algorithm, prk, info, length);
        }
    }

    private final RecordingCrypto crypto = new RecordingCrypto();
    private final Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);

    @Test
    void expandLabelHandsHkdfTheLengthTheTls13LabelAndTheContextEachWithItsLength() {
        byte[] context = {1, 2, 3};

        byte[] out = schedule.expandLabel(TestCertificates.filled(7), "c hs traffic", context, 300);

        assertThat(out).hasSize(300);
        assertThat(crypto.infos).last().isEqualTo(hkdfLabel(300, "tls13 c hs traffic", context));
    }

    @Test
    void aTrafficSecretExpandsItsKeyIvAndFinishedKeyUnderTheirLabels() {
        Tls13KeySchedule.TrafficSecret secret = schedule.earlySecret().handshakeSecret(TestCertificates.filled(9))
                .serverHandshakeTrafficSecret(new byte[32]);
        crypto.infos.clear();

        TrafficKeys keys = secret.trafficKeys(Tls13KeySchedule.KEY_LENGTH);
        secret.finishedKey();

        assertThat(keys.key().length()).isEqualTo(32);
        assertThat(keys.iv().length()).isEqualTo(12);
        assertThat(crypto.infos).containsExactly(hkdfLabel(32, "tls13 key", new byte[0]),
                hkdfLabel(12, "tls13 iv", new byte[0]), hkdfLabel(32, "tls13 finished", new byte[0]));
    }

    @Test
    void theEarlySecretIsTheExtractOfZerosWithZeros() {
        byte[] zeros = new byte[32];

        assertThat(schedule.earlySecret().secret())
                .isEqualTo(Secret.of(crypto.hkdfExtract(HashAlgorithm.SHA256, zeros, zeros)));
    }

    /**
     * With SHA-384 (TLS_AES_256_GCM_SHA384) every HKDF call uses it, and every secret, the Finished key and each
     * Derive-Secret's HkdfLabel are 48 bytes long; the record key and IV keep the lengths asked for.
     */
    @Test
    void withSha384EverySecretIsAsLongAsTheHashAndEveryHkdfCallUsesIt() {
        RecordingCrypto sha384Crypto = new RecordingCrypto();
        Tls13KeySchedule sha384 = new Tls13KeySchedule(sha384Crypto, HashAlgorithm.SHA384);
        byte[] helloHash = new byte[48];

        Tls13KeySchedule.HandshakeSecret handshake = sha384.earlySecret().handshakeSecret(TestCertificates.filled(9));
        Tls13KeySchedule.TrafficSecret client = handshake.clientHandshakeTrafficSecret(helloHash);
        Tls13KeySchedule.MasterSecret master = handshake.masterSecret();
        sha384Crypto.infos.clear();
        Tls13KeySchedule.TrafficSecret application = master.serverApplicationTrafficSecret(helloHash);
        TrafficKeys keys = application.trafficKeys(32);

        assertThat(List.of(handshake.secret(), client.secret(), master.secret(), application.secret(),
                client.finishedKey())).allSatisfy(secret -> assertThat(secret.length()).isEqualTo(48));
        assertThat(keys.key().length()).isEqualTo(32);
        assertThat(keys.iv().length()).isEqualTo(12);
        assertThat(sha384Crypto.infos).startsWith(hkdfLabel(48, "tls13 s ap traffic", helloHash));
        assertThat(sha384Crypto.hashes).isNotEmpty().containsOnly(HashAlgorithm.SHA384);
        assertThat(sha384.earlySecret().secret())
                .isEqualTo(Secret.of(sha384Crypto.hkdfExtract(HashAlgorithm.SHA384, new byte[48], new byte[48])));
    }

    /** {@code uint16(length) || uint8(len(label)) || label || uint8(len(context)) || context}. */
    private static byte[] hkdfLabel(int length, String label, byte[] context) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(length / 256);
        out.write(length % 256);
        out.write(labelBytes.length);
        out.writeBytes(labelBytes);
        out.write(context.length);
        out.writeBytes(context);
        return out.toByteArray();
    }
}
