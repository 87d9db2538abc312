package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestCodec;
import dev.minitls.testing.TestPeers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a handshake and a session leave behind: the arrays themselves that held the ephemeral private keys, the
 * shared secrets and every derived secret are observed where they were made (the random source and the crypto
 * double keep a reference to each array they hand out), and every AEAD the record layer asked for is watched.
 */
class SecretWipeTest {

    private static final TestCertificates.Pki PKI = TestCertificates.pki();

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void aHandshakeWipesItsPrivateKeysAndEverySecretOnceTheRecordLayerHasItsKeys(ProtocolVersion protocol) {
        Peers peers = new Peers(protocol, TestCertificates.SERVER_NAME, HandshakeObserver.NONE);

        TestPeers.Both both = peers.handshake();

        assertThat(both.client().failure()).isNull();
        assertThat(both.server().failure()).isNull();
        peers.assertEverySecretWiped();
        assertThat(peers.crypto.aeads).as("the application keys' AEADs, one a direction on each side, are in use")
                .filteredOn(aead -> !aead.destroyed()).hasSize(4);
        assertThat(peers.crypto.aeads).as("v2's handshake keys are retired").filteredOn(WatchedAead::destroyed)
                .hasSize(protocol == ProtocolVersion.V2 ? peers.crypto.aeads.size() - 4 : 0);

        byte[] message = "still works".getBytes(StandardCharsets.UTF_8);
        both.client().channel().send(message);
        assertThat(both.server().channel().receive()).contains(message);
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void closingTheSessionDestroysEveryRecordKeyOnBothSides(ProtocolVersion protocol) {
        Peers peers = new Peers(protocol, TestCertificates.SERVER_NAME, HandshakeObserver.NONE);
        TestPeers.Both both = peers.handshake();

        both.client().channel().close();
        if (protocol == ProtocolVersion.V2) {
            assertThat(both.server().channel().receive()).as("close_notify").isEmpty();
        } else {
            both.server().channel().close();
        }

        assertThat(peers.crypto.aeads).isNotEmpty().allMatch(WatchedAead::destroyed);
        assertThatThrownBy(() -> both.client().channel().send(new byte[1])).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void aSessionThatFailsDestroysItsRecordKeys(ProtocolVersion protocol) {
        Peers peers = new Peers(protocol, TestCertificates.SERVER_NAME, HandshakeObserver.NONE);
        TestPeers.Both both = peers.handshake();

        peers.transport.server().deliver("not a record\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> both.server().channel().receive()).isInstanceOf(ProtocolException.class);

        assertThat(peers.crypto.aeads).filteredOn(aead -> aead.side == Side.SERVER).isNotEmpty()
                .allMatch(WatchedAead::destroyed);
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void aFailedHandshakeWipesEverythingOnBothSides(ProtocolVersion protocol) {
        Peers peers = new Peers(protocol, "someone-else", HandshakeObserver.NONE);

        TestPeers.Both both = peers.handshake();

        assertThat(both.client().failure()).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).failure()).isEqualTo(Failure.NAME_MISMATCH);
        assertThat(both.server().failure()).isNotNull();
        peers.assertEverySecretWiped();
        assertThat(peers.crypto.aeads).allMatch(WatchedAead::destroyed);
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void anObserverGetsCopiesOfTheSecretsThatOutliveTheSession(ProtocolVersion protocol) {
        List<TraceEvent> kept = Collections.synchronizedList(new ArrayList<>());
        Peers peers = new Peers(protocol, TestCertificates.SERVER_NAME, kept::add);
        TestPeers.Both both = peers.handshake();
        both.client().channel().close();
        both.server().channel().close();

        peers.assertEverySecretWiped();
        List<Secret> secrets = new ArrayList<>();
        for (TraceEvent traced : kept) {
            if (traced.event() instanceof Event.SecretsDerived derived) {
                secrets.addAll(derived.secrets().values());
            }
            if (traced.event() instanceof Event.SharedSecretAgreed agreed) {
                secrets.add(agreed.sharedSecret());
            }
        }
        assertThat(secrets).isNotEmpty().noneMatch(Secret::isDestroyed)
                .allMatch(secret -> !Bytes.isAllZero(secret.bytes()));
    }

    /** Both sides, over the recording doubles. */
    private static final class Peers {

        final WatchingCrypto crypto = new WatchingCrypto();
        final Drawn clientRandom = new Drawn();
        final Drawn serverRandom = new Drawn();
        final FakeTransport transport = FakeTransport.pair();
        final ClientConfig client;
        final ServerConfig server;

        Peers(ProtocolVersion protocol, String serverName, HandshakeObserver observer) {
            client = new ClientConfig(crypto.side(Side.CLIENT), clientRandom,
                    Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC), PKI.root(), serverName, protocol, observer);
            server = new ServerConfig(crypto.side(Side.SERVER), serverRandom, PKI.serverPem(),
                    crypto.ed25519SigningKey(PKI.serverKey()), observer);
        }

        TestPeers.Both handshake() {
            return TestPeers.handshake(transport, TestCodec.formats(), client, server);
        }

        void assertEverySecretWiped() {
            assertThat(clientRandom.arrays).as("the client's random, then its ephemeral private key").hasSize(2);
            assertThat(serverRandom.arrays).as("the server's random, then its ephemeral private key").hasSize(2);
            assertThat(clientRandom.arrays.get(0)).as("the random is public").matches(b -> !Bytes.isAllZero(b));
            assertThat(clientRandom.arrays.get(1)).as("the client's ephemeral private key").matches(Bytes::isAllZero);
            assertThat(serverRandom.arrays.get(1)).as("the server's ephemeral private key").matches(Bytes::isAllZero);
            assertThat(crypto.secrets).as("shared secrets and every secret derived from them").hasSizeGreaterThan(4)
                    .allMatch(Bytes::isAllZero);
        }
    }

    /** A random source that keeps each array it hands out. */
    private static final class Drawn implements RandomSource {

        final List<byte[]> arrays = Collections.synchronizedList(new ArrayList<>());
        private final RandomSource counting = FixedRandom.counting();

        @Override
        public byte[] nextBytes(int length) {
            byte[] bytes = counting.nextBytes(length);
            arrays.add(bytes);
            return bytes;
        }
    }

    /**
     * The test crypto, keeping each secret array it hands out (X25519 shared secrets, HKDF output) and each AEAD
     * with the side that asked for it.
     */
    private static final class WatchingCrypto extends InsecureTestCrypto {

        final List<byte[]> secrets = Collections.synchronizedList(new ArrayList<>());
        final List<WatchedAead> aeads = Collections.synchronizedList(new ArrayList<>());

        /** This crypto, with every AEAD it makes attributed to {@code who}. */
        InsecureTestCrypto side(Side who) {
            WatchingCrypto outer = this;
            return new InsecureTestCrypto() {
                // Everything else as the plain double: only these make secrets or keys.
                @Override
                public byte[] x25519(byte[] privateKey, byte[] peerPublicKey) {
                    return outer.x25519(privateKey, peerPublicKey);
                }

                @Override
                public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
                    return outer.hkdfExtract(algorithm, salt, ikm);
                }

                @Override
                public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
                    return outer.hkdfExpand(algorithm, prk, info, length);
                }

                @Override
                public Aead aead(AeadAlgorithm algorithm, byte[] key) {
                    WatchedAead aead = new WatchedAead(who, outer.aead(algorithm, key));
                    outer.aeads.add(aead);
                    return aead;
                }
            };
        }

        @Override
        public byte[] x25519(byte[] privateKey, byte[] peerPublicKey) {
            return kept(super.x25519(privateKey, peerPublicKey));
        }

        @Override
        public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
            return kept(super.hkdfExtract(algorithm, salt, ikm));
        }

        @Override
        public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
            return kept(super.hkdfExpand(algorithm, prk, info, length));
        }

        private byte[] kept(byte[] secret) {
            secrets.add(secret);
            return secret;
        }
    }

    /** An AEAD that remembers whether it was destroyed. */
    private static final class WatchedAead implements Aead {

        final Side side;
        private final Aead aead;
        private volatile boolean destroyed;

        WatchedAead(Side side, Aead aead) {
            this.side = side;
            this.aead = aead;
        }

        boolean destroyed() {
            return destroyed;
        }

        @Override
        public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
            return aead.seal(nonce, associatedData, plaintext);
        }

        @Override
        public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
            return aead.open(nonce, associatedData, ciphertextAndTag);
        }

        @Override
        public void destroy() {
            destroyed = true;
            aead.destroy();
        }
    }
}
