package dev.minitls.transport.tcp;

/**
 * Serves one accepted connection. {@link TcpServer} calls it on a worker thread and closes the channel when it
 * returns; whatever it throws ends that connection only.
 */
@FunctionalInterface
public interface ConnectionHandler {

    /** Serves the connection; {@link SocketFrameChannel#peerAddress()} tells the client's address. */
    void handle(SocketFrameChannel channel);

    /**
     * Told, on the same thread, once the connection is closed and its slot under {@code maxConnections} is free
     * again, so that a client told "closed" can connect at once. Nothing by default.
     */
    default void closed(String peer) {
    }
}
