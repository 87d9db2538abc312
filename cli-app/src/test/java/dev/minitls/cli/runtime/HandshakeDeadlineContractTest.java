package dev.minitls.cli.runtime;

import dev.minitls.testing.contract.FrameChannelContract;
import dev.minitls.testing.contract.FramePeers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** The frame channel contract, run against the handshake deadline while its clock runs (far from expiring). */
class HandshakeDeadlineContractTest extends FrameChannelContract {

    @Override
    protected Connection connect() {
        AtomicReference<HandshakeDeadline> deadline = new AtomicReference<>();
        return FramePeers.fake()
                .decorated(channel -> {
                    deadline.set(new HandshakeDeadline(Duration.ofHours(1), channel));
                    return deadline.get();
                })
                .closing(() -> deadline.get().stop());
    }
}
