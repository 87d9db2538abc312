package dev.minitls.archfixture.transport;

import java.io.IOException;

/** Breaks rule 13: the transport hands its bytes to another program. */
public final class ProcessTransport {

    void send(byte[] bytes) throws IOException {
        try (var in = new ProcessBuilder("nc", "localhost", "9914").start().getOutputStream()) {
            in.write(bytes);
        }
    }
}
