package dev.minitls.archfixture.transport.json;

import dev.minitls.archfixture.domain.tls13.HelloMessage;
import dev.minitls.archfixture.transport.tls13.BinaryCodec;

/** Breaks rule 9: the JSON-lines codec borrows from the binary codec. */
public final class BinaryAwareLinesCodec {

    byte[] bytes(HelloMessage message) {
        return new BinaryCodec().encode(message);
    }
}
