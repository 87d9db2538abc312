package dev.minitls.crypto.bc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.port.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * Verifying through the cache of decoded keys answers exactly what Bouncy Castle's verification from the key's
 * bytes answers, the first time a key is seen, every time after, and after the cache started over.
 */
class Ed25519PublicPointsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MESSAGE = "transcript hash".getBytes(StandardCharsets.US_ASCII);

    private final BcCryptoProvider crypto = new BcCryptoProvider();

    /** A key, a message and a signature, and whether Bouncy Castle's byte-for-byte verification accepts them. */
    private record Case(byte[] publicKey, byte[] message, byte[] signature) {

        boolean reference() {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        }
    }

    @Test
    void answersAsVerificationFromBytesDoesForGoodAndBadKeysEveryTime() {
        List<Case> cases = cases(new SplittableRandom(1), 3);

        for (int round = 0; round < 3; round++) {
            for (Case c : cases) {
                assertThat(crypto.ed25519Verify(c.publicKey(), c.message(), c.signature()))
                        .as("round %d, key %s", round, HEX.formatHex(c.publicKey()))
                        .isEqualTo(c.reference());
            }
        }
        assertThat(cases).anyMatch(Case::reference).anyMatch(c -> !c.reference());
    }

    @Test
    void staysRightWhenMoreKeysThanItKeepsComeAndGo() {
        List<Case> cases = cases(new SplittableRandom(2), 2 * Ed25519PublicPoints.MAX_KEYS);

        for (int round = 0; round < 2; round++) {
            for (Case c : cases) {
                assertThat(crypto.ed25519Verify(c.publicKey(), c.message(), c.signature())).isEqualTo(c.reference());
            }
        }
    }

    @Test
    void aCachedKeyIsNotChangedByWhatTheCallerDoesToItsArray() {
        SigningKey key = crypto.ed25519SigningKey(new byte[32]);
        byte[] publicKey = key.publicKey();
        byte[] signature = key.sign(MESSAGE);
        assertThat(crypto.ed25519Verify(publicKey, MESSAGE, signature)).isTrue();

        publicKey[0] ^= 1;

        assertThat(crypto.ed25519Verify(publicKey, MESSAGE, signature)).isFalse();
        assertThat(crypto.ed25519Verify(key.publicKey(), MESSAGE, signature)).isTrue();
    }

    /** For each of {@code keys} signing keys: its good signature, a wrong message; then keys that are no keys. */
    private List<Case> cases(SplittableRandom random, int keys) {
        List<Case> cases = new ArrayList<>();
        byte[] anySignature = null;
        for (int i = 0; i < keys; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            SigningKey key = crypto.ed25519SigningKey(seed);
            byte[] signature = key.sign(MESSAGE);
            anySignature = signature;
            cases.add(new Case(key.publicKey(), MESSAGE, signature));
            cases.add(new Case(key.publicKey(), "other".getBytes(StandardCharsets.US_ASCII), signature));
        }
        for (String notAKey : new String[] {
            "0200000000000000000000000000000000000000000000000000000000000000", // y = 2: no x on the curve
            "0100000000000000000000000000000000000000000000000000000000000000", // the neutral point
            "0000000000000000000000000000000000000000000000000000000000000000", // a point of order 4
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p - 1: order 2
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"}) { // y = p + 1: not canonical
            cases.add(new Case(HEX.parseHex(notAKey), MESSAGE, anySignature));
        }
        return cases;
    }
}
