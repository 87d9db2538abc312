package dev.minitls.domain.tls13;

/**
 * The sender now sends under its next traffic key (RFC 8446 section 4.6.3).
 *
 * @param updateRequested true (update_requested) when the receiver must answer with a KeyUpdate of its own
 */
public record KeyUpdate(boolean updateRequested) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.KEY_UPDATE;
    }
}
