package dev.minitls.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Two ends of one real TCP connection on the loopback interface. */
record Loopback(Socket near, Socket far) implements AutoCloseable {

    static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();

    static Loopback open() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, ADDRESS)) {
            Socket far = new Socket(ADDRESS, listener.getLocalPort());
            far.setTcpNoDelay(true);
            return new Loopback(listener.accept(), far);
        }
    }

    /**
     * A socket bound to a loopback port but not listening: a connection to {@link Socket#getLocalPort()} is refused
     * for as long as it stays open, and nothing else can listen on that port meanwhile.
     */
    static Socket closedPort() throws IOException {
        Socket holder = new Socket();
        try {
            holder.bind(new InetSocketAddress(ADDRESS, 0));
        } catch (IOException e) {
            holder.close();
            throw e;
        }
        return holder;
    }

    @Override
    public void close() throws IOException {
        near.close();
        far.close();
    }
}
