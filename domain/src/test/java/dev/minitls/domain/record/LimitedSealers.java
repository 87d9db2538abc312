package dev.minitls.domain.record;

import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.CryptoProvider;

/** Record sealers with a record limit low enough for tests of other packages to reach it. */
public final class LimitedSealers {

    private LimitedSealers() {
    }

    public static RecordSealer sealer(CryptoProvider crypto, TrafficKeys keys, RecordFormat format, long limit) {
        return new RecordSealer(crypto, keys, format, limit);
    }
}
