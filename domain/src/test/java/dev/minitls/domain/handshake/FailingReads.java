package dev.minitls.domain.handshake;

import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.domain.port.FrameChannel;

/** A connection whose reads throw {@link #failure} once it is set, as a socket's would time out or break. */
final class FailingReads extends ForwardingFrameChannel {

    volatile RuntimeException failure;

    FailingReads(FrameChannel delegate) {
        super(delegate);
    }

    @Override
    public byte[] receive() {
        RuntimeException now = failure;
        if (now != null) {
            throw now;
        }
        return super.receive();
    }
}
