package dev.minitls.domain.keys;

/**
 * Everything protocol v1 derives from the shared secret.
 *
 * @param derivedKey {@code derived_key}, the seed's "handshake secret"
 * @param serverFinishedKey {@code finished_key_server}
 * @param clientFinishedKey {@code finished_key_client}
 * @param clientToServer {@code client_app_key} and {@code client_app_iv}
 * @param serverToClient {@code server_app_key} and {@code server_app_iv}
 */
public record V1Keys(
        Secret derivedKey,
        Secret serverFinishedKey,
        Secret clientFinishedKey,
        TrafficKeys clientToServer,
        TrafficKeys serverToClient) {

    /** Destroys every key. */
    public void destroy() {
        derivedKey.destroy();
        serverFinishedKey.destroy();
        clientFinishedKey.destroy();
        clientToServer.destroy();
        serverToClient.destroy();
    }
}
