package dev.minitls.archfixture.domain;

import java.net.Socket;

/** Breaks rule 1: the domain opens network connections itself. */
public final class SocketDomain {

    int remotePort(Socket socket) {
        return socket.getPort();
    }
}
