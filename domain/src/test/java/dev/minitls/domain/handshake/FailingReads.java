package dev.minitls.domain.handshake;

import dev.minitls.domain.port.FrameChannel;

/** A connection whose reads throw {@link #failure} once it is set, as a socket's would time out or break. */
final class FailingReads implements FrameChannel {

    private final FrameChannel delegate;
    volatile RuntimeException failure;

    FailingReads(FrameChannel delegate) {
        this.delegate = delegate;
    }

    @Override
    public void send(byte[] frame) {
        delegate.send(frame);
    }

    @Override
    public byte[] receive() {
        RuntimeException now = failure;
        if (now != null) {
            throw now;
        }
        return delegate.receive();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String peer() {
        return delegate.peer();
    }
}
