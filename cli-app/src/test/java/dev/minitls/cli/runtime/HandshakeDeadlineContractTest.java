package dev.minitls.cli.runtime;

import dev.minitls.testing.contract.FramePeers;
import dev.minitls.testing.contract.FrameChannelContract;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The frame channel contract, run against the handshake deadline while its clock runs (far from expiring). */
class HandshakeDeadlineContractTest extends FrameChannelContract {

    @Override
    protected Connection connect() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        return FramePeers.fake()
                .decorated(channel -> new HandshakeDeadline(scheduler, Duration.ofHours(1), channel))
                .closing(scheduler::shutdownNow);
    }
}
