package dev.minitls.archfixture.transport.tls13;

import dev.minitls.archfixture.domain.tls13.HelloMessage;

/** Allowed: the binary codec turns the domain's message values into bytes. */
public final class BinaryCodec {

    public byte[] encode(HelloMessage message) {
        return message.random().clone();
    }
}
