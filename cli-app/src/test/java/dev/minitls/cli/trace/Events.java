package dev.minitls.cli.trace;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import java.util.Map;

/** Events as a handshake tells them, made up for tests of their observers. */
final class Events {

    private Events() {
    }

    /** The ClientHello with {@code random}: sent by a client, received by a server. */
    static TraceEvent clientHello(Side side, String peer, byte[] random) {
        ClientHello hello = new ClientHello(random, 1, new byte[32], "X25519", "example-server");
        return new TraceEvent(side, peer, side == Side.CLIENT ? new Event.HelloSent(hello)
                : new Event.HelloReceived(hello));
    }

    /** Protocol v1's handshake secrets, {@code derivedKey} first. */
    static TraceEvent v1Keys(Side side, String peer, byte[] derivedKey) {
        return new TraceEvent(side, peer, new Event.SecretsDerived(Event.SecretsDerived.Phase.HANDSHAKE,
                Map.of(SecretLabel.DERIVED_KEY, Secret.of(derivedKey),
                        SecretLabel.FINISHED_KEY_SERVER, Secret.of(new byte[1]))));
    }

    /** The application keys are in use: the handshake is over. */
    static TraceEvent applicationKeys(Side side, String peer) {
        return new TraceEvent(side, peer, new Event.SecretsDerived(Event.SecretsDerived.Phase.APPLICATION, Map.of()));
    }

    /** The shared secret {@code secret}. */
    static TraceEvent sharedSecret(Side side, String peer, byte[] secret) {
        return new TraceEvent(side, peer, new Event.SharedSecretAgreed(Secret.of(secret)));
    }
}
