package dev.minitls.domain.handshake;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.trace.Side;
import java.util.Map;

/** A key and IV for each direction, and the secrets they came from (for observers). */
record DirectionalKeys(TrafficKeys clientToServer, TrafficKeys serverToClient, Map<SecretLabel, Secret> secrets) {

    DirectionalKeys {
        secrets = Map.copyOf(secrets);
    }

    TrafficKeys writeKeys(Side side) {
        return side == Side.CLIENT ? clientToServer : serverToClient;
    }

    TrafficKeys readKeys(Side side) {
        return side == Side.CLIENT ? serverToClient : clientToServer;
    }

    /** Destroys both directions' keys and every secret they came from. */
    void destroy() {
        clientToServer.destroy();
        serverToClient.destroy();
        secrets.values().forEach(Secret::destroy);
    }
}
