package dev.minitls.domain.handshake;

import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceValue;
import java.util.List;

/** A key and IV for each direction, and the secrets they came from (for traces). */
record DirectionalKeys(TrafficKeys clientToServer, TrafficKeys serverToClient, List<TraceValue> secrets) {

    DirectionalKeys {
        secrets = List.copyOf(secrets);
    }

    TrafficKeys writeKeys(Side side) {
        return side == Side.CLIENT ? clientToServer : serverToClient;
    }

    TrafficKeys readKeys(Side side) {
        return side == Side.CLIENT ? serverToClient : clientToServer;
    }
}
