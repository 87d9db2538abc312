package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.ForwardingTls13Records;
import dev.minitls.testing.InMemoryTls13Records;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a failed TLS 1.3 handshake leaves behind, seen through the arrays the crypto port handed it: every shared
 * secret and every HKDF output (the handshake, master and application secrets, the derived salts, the Finished keys,
 * the record keys) must be zeros once the handshake has failed. A server derives its application secrets before the
 * client's Finished comes, so a wrong Finished is the case where most is left to wipe.
 */
class Tls13HandshakeWipeTest {

    private static final TestCertificates.Pki PKI = TestCertificates.pki();
    private static final long PATIENCE = 20;

    private final InMemoryTls13Records[] ends = InMemoryTls13Records.pair();

    @Test
    void aServerWhoseClientsFinishedIsWrongLeavesNoSecretBehind() {
        Spying serverCrypto = new Spying();
        ServerConfig config = new ServerConfig(serverCrypto, FixedRandom.counting(), PKI.serverPem(),
                serverCrypto.ed25519SigningKey(PKI.serverKey()), HandshakeObserver.NONE);
        CompletableFuture<Tls13Session> accepted = CompletableFuture.supplyAsync(
                () -> Tls13ServerHandshake.accept(ends[1], config, Tls13Settings.DEFAULT));
        Tls13Records flipping = new ForwardingTls13Records(ends[0]) {
            @Override
            public byte[] send(HandshakeMessage message) {
                if (message instanceof Finished finished) {
                    byte[] mac = finished.verifyData();
                    mac[0] ^= 1;
                    return super.send(new Finished(mac));
                }
                return super.send(message);
            }
        };
        InsecureTestCrypto clientCrypto = new InsecureTestCrypto();
        Tls13ClientHandshake.connect(flipping, new ClientConfig(clientCrypto, FixedRandom.counting(),
                Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC), PKI.root(), TestCertificates.SERVER_NAME,
                ProtocolVersion.V2, HandshakeObserver.NONE), Tls13Settings.DEFAULT);

        assertThatThrownBy(() -> accepted.get(PATIENCE, TimeUnit.SECONDS)).hasCauseInstanceOf(ProtocolException.class);
        assertThat(serverCrypto.agreed).hasSize(1);
        assertThat(serverCrypto.derived).as("the early secret and more").hasSizeGreaterThan(10);
        assertThat(serverCrypto.agreed).allSatisfy(secret -> assertThat(secret).containsOnly(0));
        assertThat(serverCrypto.derived).allSatisfy(secret -> assertThat(secret).containsOnly(0));
    }

    /** The test crypto, keeping every shared secret and HKDF output it hands out (the very arrays). */
    private static final class Spying extends InsecureTestCrypto {
        final List<byte[]> agreed = new CopyOnWriteArrayList<>();
        final List<byte[]> derived = new CopyOnWriteArrayList<>();

        @Override
        public byte[] agree(KeyExchangeGroup group, byte[] privateKey, byte[] peerKeyShare) {
            byte[] shared = super.agree(group, privateKey, peerKeyShare);
            agreed.add(shared);
            return shared;
        }

        @Override
        public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
            byte[] prk = super.hkdfExtract(algorithm, salt, ikm);
            derived.add(prk);
            return prk;
        }

        @Override
        public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
            byte[] okm = super.hkdfExpand(algorithm, prk, info, length);
            derived.add(okm);
            return okm;
        }
    }
}
