package dev.minitls.domain.handshake;

import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;

/**
 * The running SHA-256 over the exact bytes of the handshake messages, in the order they were sent or received
 * (seed step 6). Both sides keep one; if a single byte differs anywhere, every signature and MAC over it fails.
 */
public final class Transcript {

    private final HashContext hash;

    public Transcript(CryptoProvider crypto) {
        this.hash = crypto.hash(HashAlgorithm.SHA256);
    }

    /** Adds one message's exact frame, newline included. */
    public void add(byte[] frame) {
        hash.update(frame);
    }

    /** The hash of every message added so far. */
    public byte[] hash() {
        return hash.digestSoFar();
    }
}
