package dev.minitls.testing;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.tls13.HandshakeMessage;

/**
 * A {@link Tls13Records} that passes every call to another one, for tests: a subclass overrides what it changes
 * (holds a receive, rewrites a message, notes a key, fakes a counter).
 */
public abstract class ForwardingTls13Records implements Tls13Records {

    private final Tls13Records delegate;

    protected ForwardingTls13Records(Tls13Records delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] send(HandshakeMessage message) {
        return delegate.send(message);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public Incoming receive() {
        return delegate.receive();
    }

    @Override
    public void protectReads(AeadAlgorithm aead, byte[] key, byte[] iv) {
        delegate.protectReads(aead, key, iv);
    }

    @Override
    public void protectWrites(AeadAlgorithm aead, byte[] key, byte[] iv) {
        delegate.protectWrites(aead, key, iv);
    }

    @Override
    public long writesLeft() {
        return delegate.writesLeft();
    }

    @Override
    public void sendData(byte[] data) {
        delegate.sendData(data);
    }

    @Override
    public void sendAlert(Alert alert) {
        delegate.sendAlert(alert);
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
