package dev.minitls.transport.tcp;

import dev.minitls.testing.contract.FramePeers;
import dev.minitls.testing.contract.FrameChannelContract;
import java.net.Socket;
import java.time.Duration;

/** The frame channel contract, run against the socket channel over a real loopback connection. */
class SocketFrameChannelContractTest extends FrameChannelContract {

    private static final int MAX_FRAME_LENGTH = 1024;
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Override
    protected Connection connect() throws Exception {
        Loopback loopback = Loopback.open();
        Socket far = loopback.far();
        far.setSoTimeout((int) PATIENCE.toMillis());
        return new Connection(new SocketFrameChannel(loopback.near(), PATIENCE, PATIENCE, MAX_FRAME_LENGTH),
                MAX_FRAME_LENGTH, FramePeers.stream(far.getInputStream(), far.getOutputStream(), far::shutdownOutput, far));
    }
}
