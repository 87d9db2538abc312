package dev.minitls.domain.tls13;

import java.util.Objects;

/**
 * The MAC over the transcript that ends each side's flight (RFC 8446 section 4.4.4). Its length is the suite's hash
 * length, which the handshake knows and checks; the message itself is just the bytes.
 */
public record Finished(byte[] verifyData) implements HandshakeMessage {

    public Finished {
        Objects.requireNonNull(verifyData, "verifyData");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }
}
