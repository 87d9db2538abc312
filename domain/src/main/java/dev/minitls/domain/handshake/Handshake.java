package dev.minitls.domain.handshake;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Event.SecretsDerived.Phase;
import dev.minitls.domain.trace.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the client's and the server's handshake share: one connection's messages and records, its protocol, its
 * transcript, and the observer told each step. The steps themselves are in {@link ClientHandshake} and
 * {@link ServerHandshake}, each readable top to bottom.
 *
 * <p>The handshake owns the secrets it makes and wipes them: the ephemeral private key once the shared secret
 * exists, the shared secret once the handshake keys exist, and every other secret and key when the handshake ends,
 * completed (the record layer then holds its own copies of the application keys) or failed. Observers are told of
 * secrets before they are wiped, and get copies of their own.
 */
abstract sealed class Handshake permits ClientHandshake, ServerHandshake {

    final CryptoProvider crypto;
    final VersionPolicy policy;
    final MessageIo io;
    final Tracer tracer;
    final TracedTranscript transcript;
    private final List<Runnable> owned = new ArrayList<>();

    Handshake(MessageIo io, CryptoProvider crypto, Tracer tracer) {
        this.crypto = crypto;
        this.policy = io.policy();
        this.io = io;
        this.tracer = tracer;
        this.transcript = new TracedTranscript(crypto, tracer);
    }

    /**
     * Step 9: the keys for everything after the ServerHello, from the shared secret and the transcript through the
     * hellos; in v2 everything after the ServerHello is encrypted under the handshake traffic keys from now on.
     */
    HandshakeKeys deriveHandshakeKeys(Secret sharedSecret) {
        byte[] shared = sharedSecret.bytes();
        HandshakeKeys keys;
        try {
            keys = own(policy.handshakeKeys(crypto, shared, transcript.hash()));
        } finally {
            Arrays.fill(shared, (byte) 0);
            sharedSecret.destroy();
        }
        keys.handshakeTraffic().ifPresent(io::protect);
        tracer.tell(Step.HANDSHAKE_KEY, () -> new Event.SecretsDerived(Phase.HANDSHAKE, keys.secrets()));
        return keys;
    }

    /**
     * Step 8: X25519 of our ephemeral private key and the peer's key share; the private key is destroyed, whatever
     * the outcome, and the shared secret is the handshake's to wipe.
     */
    Secret agree(Secret ephemeralPrivateKey, byte[] peerPublicKey) {
        byte[] privateKey = ephemeralPrivateKey.bytes();
        try {
            return own(Secret.owning(VersionPolicy.agree(crypto, privateKey, peerPublicKey)));
        } finally {
            Arrays.fill(privateKey, (byte) 0);
            ephemeralPrivateKey.destroy();
        }
    }

    /** A fresh ephemeral X25519 private key, the handshake's to wipe. */
    Secret ephemeralPrivateKey(RandomSource random) {
        return own(Secret.owning(random.nextBytes(VersionPolicy.KEY_SHARE_LENGTH)));
    }

    /** The X25519 public key of our ephemeral private key. */
    byte[] publicKey(Secret ephemeralPrivateKey) {
        byte[] privateKey = ephemeralPrivateKey.bytes();
        try {
            return crypto.x25519PublicKey(privateKey);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /** The application keys in use: their secrets go to observers, then every secret of the handshake is wiped. */
    void applicationKeysInUse(DirectionalKeys application) {
        tracer.tell(Step.APPLICATION_DATA, () -> new Event.SecretsDerived(Phase.APPLICATION, application.secrets()));
        wipe();
    }

    Secret own(Secret secret) {
        owned.add(secret::destroy);
        return secret;
    }

    HandshakeKeys own(HandshakeKeys keys) {
        owned.add(keys::destroy);
        return keys;
    }

    DirectionalKeys own(DirectionalKeys keys) {
        owned.add(keys::destroy);
        return keys;
    }

    /** Destroys every secret this handshake made: it is over, completed or failed. */
    void wipe() {
        owned.forEach(Runnable::run);
        owned.clear();
    }
}
