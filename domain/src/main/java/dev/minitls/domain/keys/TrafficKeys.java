package dev.minitls.domain.keys;

/** An AES-256-GCM key and the 12-byte IV its nonces are made from, for one direction. */
public record TrafficKeys(Secret key, Secret iv) {

    /** Destroys the key and the IV. */
    public void destroy() {
        key.destroy();
        iv.destroy();
    }
}
