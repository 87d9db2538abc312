package dev.minitls.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.runtime.BoundedLines;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A plain TCP client that speaks no protocol: it sends whatever bytes a test gives it, to play a bad peer. */
public final class RawClient implements AutoCloseable {

    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final Socket socket;
    private final String address;
    private final BoundedLines lines;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.address = addressOf(socket);
        this.lines = new BoundedLines(socket.getInputStream(), MAX_LINE_BYTES);
    }

    /** Connects to {@code 127.0.0.1:port}; reads wait at most {@link Subprocess#PATIENCE}. */
    public static RawClient connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) Subprocess.PATIENCE.toMillis());
        return new RawClient(socket);
    }

    /**
     * Connects to {@code 127.0.0.1:port} from the loopback address {@code local} (any of 127.0.0.0/8, so that a test
     * plays several client addresses); reads wait at most {@link Subprocess#PATIENCE}.
     */
    public static RawClient connectFrom(String local, int port) throws IOException {
        return new RawClient(socketFrom(local, port));
    }

    /** A TCP connection to {@code 127.0.0.1:port} from the loopback address {@code local}. */
    public static Socket socketFrom(String local, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) Subprocess.PATIENCE.toMillis());
            socket.setSoTimeout((int) Subprocess.PATIENCE.toMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** This end's address as the server names its peer, e.g. {@code 127.0.0.1:51234}. */
    public String address() {
        return address;
    }

    /** The local address of {@code socket} as the server names its peer. */
    public static String addressOf(Socket socket) {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    public void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next line from the server without its newline, or empty when the server closed the connection. */
    public Optional<String> readLine() {
        return lines.hasNext() ? Optional.of(lines.next()) : Optional.empty();
    }

    /** Completes with this client when the server closes its connection, having sent nothing; read on {@code on}. */
    public CompletableFuture<RawClient> ended(Executor on) {
        return CompletableFuture.supplyAsync(() -> {
            assertThat(readLine()).as("the server sends nothing before closing").isEmpty();
            return this;
        }, on);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
