package dev.minitls.domain.handshake;

import dev.minitls.testing.contract.FramePeers;
import dev.minitls.testing.contract.FrameChannelContract;

/** The frame channel contract, run against the flight buffer: what it holds leaves when it is flushed. */
class FlightBufferContractTest extends FrameChannelContract {

    @Override
    protected Connection connect() {
        FlightBuffer[] buffer = new FlightBuffer[1];
        return FramePeers.fake()
                .decorated(channel -> buffer[0] = new FlightBuffer(channel))
                .flushedBy(() -> buffer[0].flush());
    }
}
