package dev.minitls.domain.handshake;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one TLS 1.3 handshake must wipe, and when: an ephemeral private key as soon as it agreed, the shared secret
 * as soon as the key schedule took it; and, when the handshake fails, whatever it derived that no session took over
 * (the handshake traffic secrets, the application secrets of a server whose client's Finished was wrong, a key pair
 * that never agreed).
 */
final class Tls13Wipes {

    private final List<Runnable> onFailure = new ArrayList<>();

    /** {@code pair}, whose private key is wiped if the handshake fails before it agrees. */
    Tls13Settings.Group.KeyPair own(Tls13Settings.Group.KeyPair pair) {
        onFailure.add(() -> Arrays.fill(pair.privateKey(), (byte) 0));
        return pair;
    }

    /** {@code application}, whose secrets are destroyed if the handshake fails before a session takes them. */
    Tls13Keys.Application own(Tls13Keys.Application application) {
        onFailure.add(() -> {
            application.client().secret().destroy();
            application.server().secret().destroy();
            application.exporter().destroy();
        });
        return application;
    }

    /** The shared secret of our {@code privateKey} and the peer's share; the private key is wiped either way. */
    byte[] agree(Tls13Settings.Group group, CryptoProvider crypto, byte[] privateKey, byte[] peerShare) {
        try {
            return group.agree(crypto, privateKey, peerShare);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /**
     * Tells observers the shared secret (step 8: the event, with a copy of its own, is made only when someone
     * observes), then derives the handshake's keys from it; the array is wiped at once, the handshake secrets if the
     * handshake fails (a session destroys them itself).
     */
    Tls13Keys keys(CryptoProvider crypto, Tls13Settings.Suite suite, byte[] shared, byte[] throughServerHello,
            Tls13Settings.Group group, Tracer tracer) {
        try {
            tracer.tell(Step.SHARED_SECRET,
                    () -> new Event.SharedSecretAgreed(Secret.owning(shared), group.exchange()));
            Tls13Keys keys = new Tls13Keys(crypto, suite, shared, throughServerHello);
            onFailure.add(keys::destroyHandshakeSecrets);
            return keys;
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /** The handshake failed: everything it holds goes. */
    void failed() {
        onFailure.forEach(Runnable::run);
    }
}
