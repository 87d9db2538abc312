package dev.minitls.archfixture.crypto;

import dev.minitls.archfixture.transport.JsonTransport;

/** Breaks rule 2: one adapter reaches into another. */
public final class TransportAwareCrypto {

    byte[] roundTrip(JsonTransport transport, byte[] message) {
        return transport.exchange(message);
    }
}
