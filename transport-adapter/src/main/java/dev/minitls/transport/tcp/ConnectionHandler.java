package dev.minitls.transport.tcp;

import dev.minitls.domain.port.FrameChannel;

/**
 * Serves one accepted connection. {@link TcpServer} calls it on a worker thread and closes the channel when it
 * returns; whatever it throws ends that connection only.
 */
@FunctionalInterface
public interface ConnectionHandler {

    void handle(FrameChannel channel);
}
