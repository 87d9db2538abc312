package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.testing.InMemoryTls13Records;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestPeers;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Tls13Settings.Group}: key pairs drawn until they make one, and a peer's share checked before agreement. */
class Tls13GroupTest {

    private static final InsecureTestCrypto CRYPTO = new InsecureTestCrypto();
    private static final Tls13Settings.Group P256 = Tls13Settings.Group.of(NamedGroup.SECP256R1).orElseThrow();
    private static final byte[] ABOVE_N = filled((byte) 0xff);

    @Test
    void randomBytesThatAreNoP256ScalarAreDrawnAgain() {
        byte[] valid = filled((byte) 0x07);
        Tls13Settings.Group.KeyPair pair = P256.generate(CRYPTO, draws(ABOVE_N, new byte[32], valid));
        assertThat(pair.privateKey()).isEqualTo(valid);
        assertThat(pair.share().group()).isEqualTo(NamedGroup.SECP256R1);
        assertThat(pair.share().keyExchange()).hasSize(65).startsWith(4);
    }

    @Test
    void aRandomSourceThatNeverMakesAScalarIsRefusedAfterAFewDraws() {
        assertThatThrownBy(() -> P256.generate(CRYPTO, length -> ABOVE_N.clone()))
                .isInstanceOfSatisfying(CryptoException.class,
                        e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.INVALID_KEY));
    }

    @Test
    void bothSidesOfAP256AgreementGetTheSameSecret() {
        Tls13Settings.Group.KeyPair ours = P256.generate(CRYPTO, length -> filled((byte) 0x11));
        Tls13Settings.Group.KeyPair theirs = P256.generate(CRYPTO, length -> filled((byte) 0x22));
        assertThat(P256.agree(CRYPTO, ours.privateKey(), theirs.share().keyExchange()))
                .isEqualTo(P256.agree(CRYPTO, theirs.privateKey(), ours.share().keyExchange())).hasSize(32);
    }

    @Test
    void anX25519ShareOfTheWrongLengthIsABadKeyShare() {
        Tls13Settings.Group x25519 = Tls13Settings.Group.of(NamedGroup.X25519).orElseThrow();
        assertThatThrownBy(() -> x25519.agree(CRYPTO, new byte[32], new byte[33]))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.BAD_KEY_SHARE));
    }

    @Test
    void aClientWithoutGroupsIsRefused() {
        InMemoryTls13Records[] ends = InMemoryTls13Records.pair();
        assertThatThrownBy(() -> Tls13ClientHandshake.connect(ends[0], TestPeers.client(CRYPTO,
                TestCertificates.pki(), ProtocolVersion.V2), Tls13Settings.DEFAULT.withGroups(List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one group");
    }

    private static RandomSource draws(byte[]... values) {
        Deque<byte[]> left = new ArrayDeque<>(List.of(values));
        return length -> left.removeFirst().clone();
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
