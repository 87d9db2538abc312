package dev.minitls.archfixture.domain;

import dev.minitls.archfixture.transport.JsonTransport;

/** Breaks rule 1 (domain knows an adapter) and rule 6 (module cycle domain - transport). */
public final class TransportAwareDomain {

    Port open() {
        return new JsonTransport();
    }
}
