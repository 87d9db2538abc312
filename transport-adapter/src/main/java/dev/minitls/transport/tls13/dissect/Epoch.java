package dev.minitls.transport.tls13.dissect;

/**
 * The keys a direction's protected records are under: the handshake traffic keys until that side's Finished, the
 * first application traffic keys after it.
 */
public enum Epoch {
    HANDSHAKE,
    APPLICATION
}
