package dev.minitls.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
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

    /** A port on which nothing listens (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, ADDRESS)) {
            return listener.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        near.close();
        far.close();
    }
}
