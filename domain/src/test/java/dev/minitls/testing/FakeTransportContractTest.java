package dev.minitls.testing;

import dev.minitls.testing.contract.FramePeers;
import dev.minitls.testing.contract.FrameChannelContract;

/** The frame channel contract, run against the fake transport without faults: fakes are held to what sockets do. */
class FakeTransportContractTest extends FrameChannelContract {

    @Override
    protected Connection connect() {
        return FramePeers.fake();
    }
}
