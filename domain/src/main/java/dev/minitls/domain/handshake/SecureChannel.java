package dev.minitls.domain.handshake;

import static dev.minitls.domain.trace.TraceValue.open;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection after a successful handshake (seed step 15): application data goes out and comes in as encrypted
 * records. It can only be made by a handshake that verified the peer's Finished. One thread may send while another
 * receives; each direction itself is single-threaded.
 */
public final class SecureChannel implements AutoCloseable {

    private final MessageIo io;
    private final Side side;
    private final HandshakeObserver observer;
    private final RecordSealer sealer;
    private final RecordOpener opener;

    SecureChannel(MessageIo io, Side side, HandshakeObserver observer, RecordSealer sealer, RecordOpener opener,
            FinishedVerified peerFinished) {
        Objects.requireNonNull(peerFinished, "a secure channel needs the peer's verified Finished");
        this.io = io;
        this.side = side;
        this.observer = observer;
        this.sealer = sealer;
        this.opener = opener;
    }

    /**
     * Sends one message as one record.
     *
     * @throws IllegalArgumentException when the message is over 16 KiB; nothing is sent
     * @throws ProtocolException when the connection failed; it is closed
     */
    public void send(byte[] plaintext) {
        ApplicationRecord record = sealer.seal(plaintext);
        closingOnFailure(() -> io.send(record));
        observer.onEvent(new TraceEvent(side, Step.APPLICATION_DATA, "sent record " + record.sequence(),
                List.of(open("ciphertext", record.ciphertext()))));
    }

    /**
     * The next message, or empty when the peer closed the connection between records (protocol v1 has no closing
     * message, so that is how a session ends).
     *
     * @throws ProtocolException when a record is malformed, out of sequence or fails authentication; the
     *     connection is closed
     */
    public Optional<byte[]> receive() {
        ApplicationRecord record;
        try {
            record = io.receive(MessageType.APPLICATION_RECORD, ApplicationRecord.class).message();
        } catch (ProtocolException e) {
            close();
            if (e.failure() == Failure.PEER_CLOSED) {
                return Optional.empty();
            }
            throw e;
        }
        byte[] plaintext = closingOnFailure(() -> opener.open(record));
        observer.onEvent(new TraceEvent(side, Step.APPLICATION_DATA, "received record " + record.sequence(),
                List.of(open("ciphertext", record.ciphertext()))));
        return Optional.of(plaintext);
    }

    private <T> T closingOnFailure(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The peer's address, for log lines. */
    public String peer() {
        return io.channel().peer();
    }

    @Override
    public void close() {
        io.channel().close();
    }
}
