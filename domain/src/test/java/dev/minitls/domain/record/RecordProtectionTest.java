package dev.minitls.domain.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RecordSealer and RecordOpener on their own: numbering, nonces, size and record-count limits, and what each
 * protocol's record format authenticates. (Faults on the wire: SecureChannelTest.)
 */
class RecordProtectionTest {

    private static final InsecureTestCrypto CRYPTO = new InsecureTestCrypto();
    private static final byte[] KEY = TestCertificates.filled(0x0a);
    private static final byte[] IV = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final TrafficKeys KEYS = new TrafficKeys(Secret.of(KEY), Secret.of(IV));
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void sequenceNumbersStartAt0AndGoUpByOne() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V1);

        assertThat(sealer.seal(HELLO).sequence()).isZero();
        assertThat(sealer.seal(HELLO).sequence()).isEqualTo(1);
        assertThat(sealer.seal(HELLO).sequence()).isEqualTo(2);
    }

    @Test
    void eachRecordIsSealedUnderTheIvXorItsSequenceNumberWithoutAssociatedData() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V1);
        ApplicationRecord first = sealer.seal(HELLO);
        ApplicationRecord second = sealer.seal(HELLO);
        byte[] secondNonce = IV.clone();
        secondNonce[11] ^= 1;

        Aead aead = CRYPTO.aead(AeadAlgorithm.AES_256_GCM, KEY);
        assertThat(aead.open(IV, new byte[0], first.ciphertext())).isEqualTo(HELLO);
        assertThat(aead.open(secondNonce, new byte[0], second.ciphertext())).isEqualTo(HELLO);
        assertThat(second.ciphertext()).as("another nonce, another ciphertext").isNotEqualTo(first.ciphertext());
    }

    /**
     * A repeated nonce is a hard failure in every provider; the sealer must never ask for one, not even around a
     * refused record (too long, or past the key's limit).
     */
    @Test
    void noTwoRecordsOfOneSealerShareANonce() {
        List<String> nonces = new ArrayList<>();
        InsecureTestCrypto recording = new InsecureTestCrypto() {
            @Override
            public Aead aead(AeadAlgorithm algorithm, byte[] key) {
                Aead aead = super.aead(algorithm, key);
                return new Aead() {
                    @Override
                    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
                        nonces.add(HexFormat.of().formatHex(nonce));
                        return aead.seal(nonce, associatedData, plaintext);
                    }

                    @Override
                    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
                        return aead.open(nonce, associatedData, ciphertextAndTag);
                    }

                    @Override
                    public void destroy() {
                        aead.destroy();
                    }
                };
            }
        };
        RecordSealer sealer = new RecordSealer(recording, KEYS, RecordFormat.V2, 600);
        for (int i = 0; i < 600; i++) {
            sealer.seal(HELLO);
            if (i % 100 == 0) {
                assertThatThrownBy(() -> sealer.seal(new byte[RecordLimits.MAX_PLAINTEXT + 2]))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertFailure(() -> sealer.seal(HELLO), Failure.SEQUENCE_EXHAUSTED,
                "too many records under one key: sent 600 records under one key; the connection must close");

        assertThat(nonces).hasSize(600).doesNotHaveDuplicates();
    }

    @Test
    void theCiphertextIsThePlaintextFollowedByTheTag() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V1);

        assertThat(sealer.seal(new byte[0]).ciphertext()).hasSize(Aead.TAG_LENGTH);
        assertThat(sealer.seal(HELLO).ciphertext()).hasSize(HELLO.length + Aead.TAG_LENGTH);
    }

    @Test
    void sealsUpTo16KiBAndRefusesMoreWithoutUsingASequenceNumber() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V1);

        assertThat(sealer.seal(new byte[RecordLimits.MAX_PLAINTEXT]).sequence()).isZero();
        assertThatThrownBy(() -> sealer.seal(new byte[RecordLimits.MAX_PLAINTEXT + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a record holds at most 16384 bytes of plaintext, got 16385");
        assertThat(sealer.seal(HELLO).sequence()).isEqualTo(1);
    }

    @Test
    void inV2ThePlaintextLimitCountsTheContentTypeByte() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V2);

        assertThat(sealer.seal(new byte[RecordLimits.MAX_PLAINTEXT + 1]).sequence()).isZero();
        assertThatThrownBy(() -> sealer.seal(new byte[RecordLimits.MAX_PLAINTEXT + 2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a record holds at most 16385 bytes of plaintext, got 16386");
    }

    @Test
    void theOpenerOpensTheSealersRecordsInOrder() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V1);
        RecordOpener opener = new RecordOpener(CRYPTO, KEYS, RecordFormat.V1);

        for (int i = 0; i < 3; i++) {
            byte[] plaintext = ("record " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(opener.open(sealer.seal(plaintext))).isEqualTo(plaintext);
        }
    }

    @Test
    void theOpenerRefusesAnAuthenticRecordOutOfTurn() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V1);
        sealer.seal(HELLO);
        ApplicationRecord second = sealer.seal(HELLO);

        assertFailure(() -> new RecordOpener(CRYPTO, KEYS, RecordFormat.V1).open(second), Failure.UNEXPECTED_SEQUENCE,
                "record rejected: sequence number 1 where 0 was expected");
    }

    @Test
    void theOpenerRefusesARecordSealedUnderOtherKeys() {
        TrafficKeys otherKeys = new TrafficKeys(Secret.of(TestCertificates.filled(0x0b)), Secret.of(IV));
        ApplicationRecord record = new RecordSealer(CRYPTO, otherKeys, RecordFormat.V1).seal(HELLO);

        assertFailure(() -> new RecordOpener(CRYPTO, KEYS, RecordFormat.V1).open(record), Failure.BAD_RECORD_MAC,
                "record rejected: record 0 failed authentication");
    }

    @Test
    void refusesToSealOnceTheKeysLimitOfRecordsIsReached() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V1, 2);
        sealer.seal(HELLO);
        assertThat(sealer.remaining()).isEqualTo(1);
        sealer.seal(HELLO);
        assertThat(sealer.remaining()).isZero();

        assertFailure(() -> sealer.seal(HELLO), Failure.SEQUENCE_EXHAUSTED,
                "too many records under one key: sent 2 records under one key; the connection must close");
    }

    @Test
    void theOpenerRefusesARecordBeyondTheKeysLimitOfRecords() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V1, 3);
        RecordOpener opener = new RecordOpener(CRYPTO, KEYS, RecordFormat.V1, 2);
        assertThat(opener.open(sealer.seal(HELLO))).isEqualTo(HELLO);
        assertThat(opener.open(sealer.seal(HELLO))).isEqualTo(HELLO);
        ApplicationRecord third = sealer.seal(HELLO);

        assertFailure(() -> opener.open(third), Failure.UNEXPECTED_SEQUENCE,
                "record rejected: record 2 is beyond the limit of 2 records under one key");
    }

    @Test
    void theFullLimitIs2To24RecordsPerKey() {
        assertThat(new RecordSealer(CRYPTO, KEYS, RecordFormat.V1).remaining()).isEqualTo(1L << 24);
    }

    @Test
    void v2RecordsHoldOneMoreByteForTheContentType() {
        RecordSealer sealer = new RecordSealer(CRYPTO, KEYS, RecordFormat.V2);
        RecordOpener opener = new RecordOpener(CRYPTO, KEYS, RecordFormat.V2);
        byte[] largest = new byte[RecordLimits.MAX_PLAINTEXT + 1];

        assertThat(opener.open(sealer.seal(largest))).isEqualTo(largest);
        assertThatThrownBy(() -> sealer.seal(new byte[RecordLimits.MAX_PLAINTEXT + 2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void v2RecordsAuthenticateTheirHeaderSoTheFormatsDoNotMix() {
        ApplicationRecord v2 = new RecordSealer(CRYPTO, KEYS, RecordFormat.V2).seal(HELLO);
        ApplicationRecord v1 = new RecordSealer(CRYPTO, KEYS, RecordFormat.V1).seal(HELLO);

        assertFailure(() -> new RecordOpener(CRYPTO, KEYS, RecordFormat.V1).open(v2), Failure.BAD_RECORD_MAC,
                "record rejected: record 0 failed authentication");
        assertFailure(() -> new RecordOpener(CRYPTO, KEYS, RecordFormat.V2).open(v1), Failure.BAD_RECORD_MAC,
                "record rejected: record 0 failed authentication");
    }

    private static void assertFailure(Runnable action, Failure failure, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e).hasMessage(message);
        });
    }
}
