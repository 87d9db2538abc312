package dev.minitls.domain.tls13;

import java.util.List;
import java.util.Objects;

/**
 * A ticket for resuming the session later (RFC 8446 section 4.6.1), sent by a server after the handshake. minitls
 * does not resume sessions; it reads tickets so that it can ignore them.
 *
 * @param lifetimeSeconds at most 604,800 (seven days)
 * @param ageAdd a 32-bit value added to the ticket's age, to hide it
 * @param nonce 0 to 255 bytes, unique per ticket of this connection
 * @param ticket 1 to 65,535 bytes, opaque to the client
 * @param extensions e.g. early_data, kept as they came
 */
public record NewSessionTicket(long lifetimeSeconds, long ageAdd, byte[] nonce, byte[] ticket,
        List<Extension> extensions) implements HandshakeMessage {

    public NewSessionTicket {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ticket, "ticket");
        extensions = List.copyOf(extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }
}
