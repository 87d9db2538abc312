package dev.minitls.cli.soak;

import dev.minitls.testing.contract.FramePeers;
import dev.minitls.testing.contract.FrameChannelContract;
import dev.minitls.transport.tcp.SocketFrameChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** The frame channel contract, run against the soak's tampering channel in its pass-through mode, over loopback. */
class TamperingChannelContractTest extends FrameChannelContract {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Override
    protected Connection connect() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TamperingChannel channel =
                    TamperingChannel.connect(listener.getLocalPort(), PATIENCE, TamperingChannel.Tamper.NONE);
            Socket far = listener.accept();
            far.setSoTimeout((int) PATIENCE.toMillis());
            return new Connection(channel, SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH,
                    FramePeers.stream(far.getInputStream(), far.getOutputStream(), far::shutdownOutput, far));
        }
    }
}
