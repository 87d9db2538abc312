package dev.minitls.domain.port;

/**
 * A {@link FrameChannel} that passes every call to another one; a subclass overrides what it changes (a deadline, a
 * buffer, a fault). {@link #sendAll} is not passed on whole: it goes frame by frame through {@link #send}, so that a
 * subclass that changes {@code send} sees every frame; a subclass that keeps frames as they are overrides it to
 * keep a flight in one write.
 */
public abstract class ForwardingFrameChannel implements FrameChannel {

    private final FrameChannel delegate;

    protected ForwardingFrameChannel(FrameChannel delegate) {
        this.delegate = delegate;
    }

    /** The channel this one passes calls to. */
    protected final FrameChannel delegate() {
        return delegate;
    }

    @Override
    public void send(byte[] frame) {
        delegate.send(frame);
    }

    @Override
    public byte[] receive() {
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
