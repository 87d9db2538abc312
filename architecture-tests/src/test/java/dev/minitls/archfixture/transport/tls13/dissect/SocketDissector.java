package dev.minitls.archfixture.transport.tls13.dissect;

import java.io.IOException;
import java.net.Socket;

/** Breaks rule 12: the dissector reads a socket instead of the bytes it is handed. */
public final class SocketDissector {

    byte[] read(Socket socket) throws IOException {
        return socket.getInputStream().readNBytes(5);
    }
}
