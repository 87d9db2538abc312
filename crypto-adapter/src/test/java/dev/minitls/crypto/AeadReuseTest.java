package dev.minitls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.crypto.fast.FastCryptoProvider;
import dev.minitls.crypto.jca.JcaCryptoProvider;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The providers keep one cipher per {@link Aead} and direction and set it up again for every record. Whatever a
 * reused cipher went through before (other nonces, other sizes, a failed tag, another thread), each result must
 * be exactly what a fresh {@link Aead} gives: a fresh one opens it to the plaintext (a GCM ciphertext whose tag
 * verifies under the key, nonce and associated data is the one encryption of that plaintext). A fresh one may not
 * seal it again for comparison: that would seal twice under one key and nonce, which every provider refuses.
 */
class AeadReuseTest {

    private static final int[] SIZES = {0, 1, 15, 16, 17, 1024, 16 * 1024 + 1};

    static Stream<CryptoProvider> providers() {
        return Stream.of(new BcCryptoProvider(), new JcaCryptoProvider(), new FastCryptoProvider());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void oneAeadSealsAndOpensRecordAfterRecordAsFreshOnesDo(CryptoProvider crypto) {
        Inputs in = new Inputs(1);
        Aead sealer = crypto.aead(AeadAlgorithm.AES_256_GCM, in.key);
        Aead opener = crypto.aead(AeadAlgorithm.AES_256_GCM, in.key);
        for (long sequence = 0; sequence < 3 * SIZES.length; sequence++) {
            byte[] plaintext = in.bytes(SIZES[(int) (sequence % SIZES.length)]);
            byte[] associatedData = in.bytes((int) sequence % 14);
            byte[] nonce = in.nonce(sequence);

            byte[] sealed = sealer.seal(nonce, associatedData, plaintext);

            assertThat(crypto.aead(AeadAlgorithm.AES_256_GCM, in.key).open(nonce, associatedData, sealed))
                    .isEqualTo(plaintext);
            assertThat(opener.open(nonce, associatedData, sealed)).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aFailedOpenLeavesNothingBehind(CryptoProvider crypto) {
        Inputs in = new Inputs(3);
        Aead sealer = crypto.aead(AeadAlgorithm.AES_256_GCM, in.key);
        Aead opener = crypto.aead(AeadAlgorithm.AES_256_GCM, in.key);
        byte[] plaintext = in.bytes(2000);
        byte[] sealed = sealer.seal(in.nonce(0), new byte[0], plaintext);
        byte[] forged = sealed.clone();
        forged[5] ^= 1;

        assertThatExceptionOfType(CryptoException.class).isThrownBy(() -> opener.open(in.nonce(0), new byte[0], forged))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.AUTHENTICATION_FAILED));
        assertThat(opener.open(in.nonce(0), new byte[0], sealed)).isEqualTo(plaintext);
        byte[] next = sealer.seal(in.nonce(1), new byte[0], plaintext);
        assertThat(opener.open(in.nonce(1), new byte[0], next)).isEqualTo(plaintext);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void threadsSharingOneAeadGetWhatFreshOnesGive(CryptoProvider crypto) throws Exception {
        Inputs in = new Inputs(4);
        Aead shared = crypto.aead(AeadAlgorithm.AES_256_GCM, in.key);
        byte[] plaintext = in.bytes(3000);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long first = 1000L * t;
                results.add(threads.submit(() -> {
                    boolean allRight = true;
                    for (long sequence = first; sequence < first + 200; sequence++) {
                        byte[] nonce = in.nonce(sequence);
                        byte[] sealed = shared.seal(nonce, new byte[0], plaintext);
                        Aead fresh = crypto.aead(AeadAlgorithm.AES_256_GCM, in.key);
                        allRight &= java.util.Arrays.equals(fresh.open(nonce, new byte[0], sealed), plaintext);
                        allRight &= java.util.Arrays.equals(shared.open(nonce, new byte[0], sealed), plaintext);
                    }
                    return allRight;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Pseudo-random but repeatable inputs: a key, and bytes and nonces on demand. */
    private static final class Inputs {

        private final SplittableRandom random;
        private final byte[] key;

        Inputs(long seed) {
            random = new SplittableRandom(seed);
            key = bytes(32);
        }

        byte[] bytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        byte[] nonce(long sequence) {
            byte[] nonce = new byte[Aead.NONCE_LENGTH];
            for (int i = 0; i < Long.BYTES; i++) {
                nonce[nonce.length - 1 - i] = (byte) (sequence >>> (8 * i));
            }
            return nonce;
        }
    }
}
