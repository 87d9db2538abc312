package dev.minitls.domain.port;

import dev.minitls.testing.contract.FramePeers;
import dev.minitls.testing.contract.FrameChannelContract;

/** The frame channel contract, run against a forwarding channel that changes nothing. */
class ForwardingFrameChannelContractTest extends FrameChannelContract {

    @Override
    protected Connection connect() {
        return FramePeers.fake().decorated(channel -> new ForwardingFrameChannel(channel) { });
    }
}
