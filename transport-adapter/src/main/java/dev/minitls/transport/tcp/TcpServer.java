package dev.minitls.transport.tcp;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a TCP port and serves each connection with a {@link ConnectionHandler} on its own worker thread.
 * At most {@code maxConnections} are served at once, and {@code maxConnectionsPerAddress} from one client address;
 * a connection over either cap is closed as soon as it is accepted, and counted. Each connection's reads and writes
 * are bounded by the idle timeout, so a client that stops sending or stops reading frees its slot. Whatever a
 * handler throws is logged on one line and ends that connection only.
 *
 * <p>{@link #close()} stops accepting, closes every open connection and waits for the handlers to end. Do not call
 * it from a handler.
 */
public final class TcpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpServer.class);

    private final TcpServerOptions options;
    private final ConnectionHandler handler;
    private final ServerSocket serverSocket;
    private final Slots slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;

    private TcpServer(TcpServerOptions options, ConnectionHandler handler, ServerSocket serverSocket) {
        this.options = options;
        this.handler = handler;
        this.serverSocket = serverSocket;
        this.slots = new Slots(options.maxConnections(), options.maxConnectionsPerAddress());
        this.workers = workerPool(serverSocket.getLocalPort());
        this.acceptor = new Thread(this::acceptLoop, "minitls-accept-" + serverSocket.getLocalPort());
    }

    /**
     * Binds {@code host:port} and starts accepting.
     *
     * @throws ProtocolException with {@code IO_ERROR} when the address cannot be bound, e.g. the port is taken
     */
    public static TcpServer start(TcpServerOptions options, ConnectionHandler handler) {
        ServerSocket serverSocket = bind(options.host(), options.port());
        TcpServer server = new TcpServer(options, handler, serverSocket);
        server.acceptor.start();
        LOG.info("listening on {}", Sockets.address(serverSocket.getInetAddress(), serverSocket.getLocalPort()));
        return server;
    }

    /** The port actually bound: the one asked for, or the free port chosen for port 0. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * How many connections were closed unserved because {@code maxConnections} were already open, in all or from
     * their address.
     */
    public long refusedConnections() {
        return refused.get();
    }

    /**
     * Stops accepting, closes every open connection and waits up to {@code closeGrace} for the handlers to end,
     * then interrupts those still running. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Sockets.closeQuietly(serverSocket);
        try {
            acceptor.join();
            closeOpenConnections();
            workers.shutdown();
            if (!workers.awaitTermination(options.closeGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("handlers still running {} ms after close; interrupting them",
                        options.closeGrace().toMillis());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeOpenConnections();
            workers.shutdownNow();
        }
        LOG.info("stopped listening on port {}", port());
    }

    private static ServerSocket bind(String host, int port) {
        try {
            return new ServerSocket(port, 0, InetAddress.getByName(host));
        } catch (IOException e) {
            throw new ProtocolException(Failure.IO_ERROR,
                    "cannot listen on " + host + ":" + port + ": " + Sockets.describe(e));
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.error("stopped accepting connections: {}", Sockets.describe(e));
                }
                return;
            }
            dispatch(socket);
        }
    }

    private void dispatch(Socket socket) {
        InetAddress address = socket.getInetAddress();
        String peer = Sockets.address(address, socket.getPort());
        Slots.Outcome outcome = slots.tryTake(address);
        if (outcome != Slots.Outcome.TAKEN) {
            refused.incrementAndGet();
            if (outcome == Slots.Outcome.ALL_TAKEN) {
                LOG.warn("{}: refused, {} connections already open", peer, options.maxConnections());
            } else {
                LOG.warn("{}: refused, {} connections already open from {}", peer,
                        options.maxConnectionsPerAddress(), address.getHostAddress());
            }
            Sockets.closeQuietly(socket);
            return;
        }
        open.add(socket);
        workers.execute(() -> serve(socket, address, peer));
    }

    private void serve(Socket socket, InetAddress address, String peer) {
        LOG.debug("{}: connected", peer);
        try (SocketFrameChannel channel = new SocketFrameChannel(socket, options.idleTimeout(),
                options.idleTimeout(), options.maxFrameLength())) {
            handler.handle(channel);
            LOG.debug("{}: done", peer);
        } catch (ProtocolException e) {
            LOG.info("{}: {}", peer, e.getMessage());
        } catch (Exception e) {
            LOG.warn("{}: handler failed: {}", peer, e.toString());
            LOG.debug("{}: handler failure", peer, e);
        } finally {
            open.remove(socket);
            slots.release(address);
        }
        try {
            handler.closed(peer);
        } catch (RuntimeException e) {
            LOG.warn("{}: handler failed after closing: {}", peer, e.toString());
        }
    }

    private void closeOpenConnections() {
        open.forEach(Sockets::closeQuietly);
    }

    /**
     * Threads for the connections, made as needed and kept 30 s when idle. A new connection goes to the thread that
     * became idle last (a {@link SynchronousQueue} hands work to the last thread waiting), whose stack and caches
     * are still warm, and a thread is made only when none is idle. The {@link #slots} cap the connections, so the
     * threads are at most the connections plus the few that have just finished one.
     */
    private static ThreadPoolExecutor workerPool(int port) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "minitls-conn-" + port + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
