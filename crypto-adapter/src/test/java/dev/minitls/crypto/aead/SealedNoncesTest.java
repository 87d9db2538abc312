package dev.minitls.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.minitls.domain.port.CryptoException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The nonces one key sealed with: every repeat refused, a record layer's sequence kept in one range. */
class SealedNoncesTest {

    private static final byte[] IV = HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b");

    @Test
    void aRecordLayersNoncesStayOneRangeAndNoneOfThemSealsTwice() {
        SealedNonces nonces = new SealedNonces("AES-GCM", 12);
        for (long sequence = 0; sequence < 10_000; sequence++) {
            nonces.claim(forSequence(sequence));
        }

        assertThat(nonces.ranges()).isEqualTo(1);
        for (long sequence : new long[] {0, 1, 255, 256, 9_999}) {
            assertReused(nonces, forSequence(sequence));
        }
        nonces.claim(forSequence(10_000));
        assertThat(nonces.ranges()).isEqualTo(1);
    }

    @Test
    void noncesOutOfOrderAreEachRefusedTheSecondTimeAndGapsCloseUp() {
        SealedNonces nonces = new SealedNonces("AES-GCM", 12);
        nonces.claim(forSequence(0));
        nonces.claim(forSequence(5));
        nonces.claim(forSequence(3));
        assertThat(nonces.ranges()).isEqualTo(3);

        assertReused(nonces, forSequence(5));
        assertReused(nonces, forSequence(3));
        assertReused(nonces, forSequence(0));
        nonces.claim(forSequence(4));
        assertThat(nonces.ranges()).isEqualTo(2);
        nonces.claim(forSequence(2));
        nonces.claim(forSequence(1));
        assertThat(nonces.ranges()).isEqualTo(1);
        assertReused(nonces, forSequence(4));
        nonces.claim(forSequence(6));
        assertThat(nonces.ranges()).isEqualTo(1);
    }

    /** Offsets carry from the low 64 bits into the high 32, and the largest offset is a nonce like any other. */
    @Test
    void offsetsAcrossTheSixtyFourBitBoundaryAndAtTheTop() {
        SealedNonces nonces = new SealedNonces("AES-GCM", 12);
        byte[] base = new byte[12];
        nonces.claim(base);
        byte[] lowAllOnes = HexFormat.of().parseHex("00000000ffffffffffffffff");
        byte[] carried = HexFormat.of().parseHex("000000010000000000000000");
        byte[] top = HexFormat.of().parseHex("ffffffffffffffffffffffff");
        nonces.claim(lowAllOnes);
        nonces.claim(carried);
        assertThat(nonces.ranges()).isEqualTo(2);
        nonces.claim(top);

        assertReused(nonces, lowAllOnes);
        assertReused(nonces, carried);
        assertReused(nonces, top);
        assertReused(nonces, base);
        assertThat(nonces.ranges()).isEqualTo(3);
    }

    @Test
    void aNonceOfAnotherLengthIsAnInvalidArgument() {
        SealedNonces nonces = new SealedNonces("AES-GCM", 12);

        for (int length : new int[] {0, 11, 13}) {
            assertThatExceptionOfType(CryptoException.class).isThrownBy(() -> nonces.claim(new byte[length]))
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.INVALID_ARGUMENT));
        }
        nonces.claim(new byte[12]);
    }

    private static void assertReused(SealedNonces nonces, byte[] nonce) {
        assertThatExceptionOfType(CryptoException.class).isThrownBy(() -> nonces.claim(nonce))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.NONCE_REUSED))
                .withMessageContaining("same nonce");
    }

    private static byte[] forSequence(long sequence) {
        byte[] nonce = IV.clone();
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        return nonce;
    }
}
