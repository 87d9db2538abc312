package dev.minitls.cli.runtime;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.transport.tcp.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A connection that is closed when its handshake is not over by a deadline, on either side. A per-read timeout is
 * not enough: a peer that sends one byte a second, or each frame just within the read timeout, never lets a read
 * time out. Closing the connection ends the blocked handshake at once, and from then on what the connection throws
 * is the {@code TIMEOUT} it is, not the I/O failure it looks like, so that the handshake reports (and traces) the
 * real cause.
 */
final class HandshakeDeadline extends ForwardingFrameChannel {

    private final Duration timeout;
    private final Deadline deadline;

    /** Starts the clock: {@code connection} is closed once {@code timeout} has passed, unless stopped before. */
    HandshakeDeadline(Duration timeout, FrameChannel connection) {
        super(connection);
        this.timeout = timeout;
        this.deadline = Deadline.start(timeout, connection::close);
    }

    /**
     * Runs {@code handshake} over {@code connection}, which is closed when the handshake is not complete within
     * {@code timeout}. The handshake reads and writes through the {@link HandshakeDeadline} it is given, or straight
     * through the connection's socket (a server's first byte, TLS records): what fails once the deadline closed the
     * connection is reported as the {@code TIMEOUT} it is either way.
     *
     * @throws ProtocolException with {@code TIMEOUT} ({@code no complete handshake within 10 s}) when the deadline
     *     came first, else what the handshake threw
     */
    static <S extends SecureSession> S run(Duration timeout, FrameChannel connection,
            Function<HandshakeDeadline, S> handshake) {
        HandshakeDeadline bounded = new HandshakeDeadline(timeout, connection);
        try {
            S session;
            try {
                session = handshake.apply(bounded);
            } catch (ProtocolException e) {
                throw bounded.whyFailed(e);
            }
            if (bounded.stop()) {
                return session;
            }
            // Done just as the deadline closed the connection: too late all the same.
            session.close();
            throw bounded.expired();
        } finally {
            bounded.stop();
        }
    }

    /**
     * Stops the clock once the handshake is over, whichever way; calling it again changes nothing.
     *
     * @return true when the handshake ended in time, false when the deadline came first and closed the connection
     */
    boolean stop() {
        return deadline.stop();
    }

    /** The failure of a handshake that the deadline cut: {@code within 10 s}, or {@code 250 ms} below a second. */
    private ProtocolException expired() {
        long millis = timeout.toMillis();
        return new ProtocolException(Failure.TIMEOUT, "no complete handshake within "
                + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms"));
    }

    @Override
    public void send(byte[] frame) {
        try {
            super.send(frame);
        } catch (ProtocolException e) {
            throw whyFailed(e);
        }
    }

    @Override
    public void sendAll(List<byte[]> frames) {
        try {
            delegate().sendAll(frames);
        } catch (ProtocolException e) {
            throw whyFailed(e);
        }
    }

    @Override
    public byte[] receive() {
        try {
            return super.receive();
        } catch (ProtocolException e) {
            throw whyFailed(e);
        }
    }

    /** {@code failure}, or the deadline's {@code TIMEOUT} when the deadline closed the connection first. */
    ProtocolException whyFailed(ProtocolException failure) {
        return deadline.expired() ? expired() : failure;
    }
}
