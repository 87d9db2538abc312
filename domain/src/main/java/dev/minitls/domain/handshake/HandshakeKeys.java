package dev.minitls.domain.handshake;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.SecretLabel;
import java.util.Map;
import java.util.Optional;

/** What a handshake knows once the key exchange is done, in either protocol. */
interface HandshakeKeys {

    Secret clientFinishedKey();

    Secret serverFinishedKey();

    /** The keys that protect the rest of the handshake (v2), or empty when it travels in clear (v1). */
    Optional<DirectionalKeys> handshakeTraffic();

    /** The application keys, once the server's Finished is settled (verified by the client, sent by the server). */
    DirectionalKeys applicationTraffic(ThroughServerFinished serverFinished);

    /** The secrets and keys derived so far, for observers. */
    Map<SecretLabel, Secret> secrets();

    /**
     * Destroys every secret and key these keys hold (in v1 the application keys too, which come with the rest); the
     * application keys of v2 belong to the {@link DirectionalKeys} that {@link #applicationTraffic} returned.
     */
    void destroy();
}
