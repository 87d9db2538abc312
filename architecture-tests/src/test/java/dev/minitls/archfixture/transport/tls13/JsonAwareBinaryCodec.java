package dev.minitls.archfixture.transport.tls13;

import dev.minitls.archfixture.transport.json.LinesCodec;

/** Breaks rule 9: the binary codec borrows from the JSON-lines codec. */
public final class JsonAwareBinaryCodec {

    String line() {
        return new LinesCodec().line();
    }
}
