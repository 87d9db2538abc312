package dev.minitls.domain.handshake;

import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.domain.port.FrameChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection as the record layers see it: frames sent are held until {@link #flush()}, so that a flight of
 * handshake messages (the server's ServerHello to Finished) leaves in one write rather than one per message, as TLS
 * stacks send a flight. {@link MessageIo} flushes before every handshake read, after every send that must leave at
 * once, and at the end of the client's handshake (the server's ends with a read). Not thread-safe: callers hold
 * {@code MessageIo}'s write lock.
 */
final class FlightBuffer extends ForwardingFrameChannel {

    private final List<byte[]> held = new ArrayList<>();

    FlightBuffer(FrameChannel connection) {
        super(connection);
    }

    /** Holds the frame until the next {@link #flush()}. */
    @Override
    public void send(byte[] frame) {
        held.add(frame);
    }

    /** Writes the frames held, in order, at once. */
    void flush() {
        switch (held.size()) {
            case 0 -> {
            }
            case 1 -> delegate().send(held.remove(0));
            default -> {
                List<byte[]> flight = List.copyOf(held);
                held.clear();
                delegate().sendAll(flight);
            }
        }
    }
}
