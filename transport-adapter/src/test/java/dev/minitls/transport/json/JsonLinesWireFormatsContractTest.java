package dev.minitls.transport.json;

import dev.minitls.domain.port.WireFormats;
import dev.minitls.testing.contract.WireFormatsContract;

/** The wire formats contract, run against the JSON-lines codecs of both versions. */
class JsonLinesWireFormatsContractTest extends WireFormatsContract {

    @Override
    protected WireFormats formats() {
        return new WireFormats(new JsonLinesV1Codec(), new JsonLinesV2Codec());
    }
}
