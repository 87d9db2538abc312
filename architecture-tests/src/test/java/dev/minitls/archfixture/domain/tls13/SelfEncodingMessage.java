package dev.minitls.archfixture.domain.tls13;

import dev.minitls.archfixture.transport.tls13.BinaryCodec;

/** Breaks rule 1 (and rule 6): a domain message that encodes itself with the transport's binary codec. */
public record SelfEncodingMessage(byte[] random) {

    byte[] bytes() {
        return new BinaryCodec().encode(new HelloMessage(random));
    }
}
