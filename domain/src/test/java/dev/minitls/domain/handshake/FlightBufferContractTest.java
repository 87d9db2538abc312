package dev.minitls.domain.handshake;

import dev.minitls.testing.contract.FramePeers;
import dev.minitls.testing.contract.FrameChannelContract;

/** The frame channel contract, run against the flight buffer: what it holds leaves when it is flushed. */
class FlightBufferContractTest extends FrameChannelContract {

    @Override
    protected Connection connect() {
        Connection fake = FramePeers.fake();
        FlightBuffer buffer = new FlightBuffer(fake.channel());
        return fake.decorated(channel -> buffer).flushedBy(buffer::flush);
    }
}
