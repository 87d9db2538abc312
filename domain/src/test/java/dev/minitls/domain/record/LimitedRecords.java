package dev.minitls.domain.record;

import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.CryptoProvider;

/** Record sealers and openers with a record limit low enough for tests of other packages to reach it. */
public final class LimitedRecords {

    private LimitedRecords() {
    }

    public static RecordSealer sealer(CryptoProvider crypto, TrafficKeys keys, RecordFormat format, long limit) {
        return new RecordSealer(crypto, keys, format, limit);
    }

    public static RecordOpener opener(CryptoProvider crypto, TrafficKeys keys, RecordFormat format, long limit) {
        return new RecordOpener(crypto, keys, format, limit);
    }
}
