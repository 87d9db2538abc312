package dev.minitls.testing;

import dev.minitls.domain.port.WireFormats;
import dev.minitls.testing.contract.WireFormatsContract;

/** The wire formats contract, run against the test codecs of both versions. */
class TestCodecWireFormatsContractTest extends WireFormatsContract {

    @Override
    protected WireFormats formats() {
        return TestCodec.formats();
    }
}
