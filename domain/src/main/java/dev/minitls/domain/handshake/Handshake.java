package dev.minitls.domain.handshake;

import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Event.SecretsDerived.Phase;

/**
 * What the client's and the server's handshake share: one connection's messages and records, its protocol, its
 * transcript, and the observer told each step. The steps themselves are in {@link ClientHandshake} and
 * {@link ServerHandshake}, each readable top to bottom.
 */
abstract sealed class Handshake permits ClientHandshake, ServerHandshake {

    final CryptoProvider crypto;
    final VersionPolicy policy;
    final MessageIo io;
    final Tracer tracer;
    final TracedTranscript transcript;

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
    HandshakeKeys deriveHandshakeKeys(byte[] sharedSecret) {
        HandshakeKeys keys = policy.handshakeKeys(crypto, sharedSecret, transcript.hash());
        keys.handshakeTraffic().ifPresent(io::protect);
        tracer.tell(new Event.SecretsDerived(Phase.HANDSHAKE, keys.secrets()));
        return keys;
    }
}
