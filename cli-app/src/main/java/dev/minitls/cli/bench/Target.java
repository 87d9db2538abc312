package dev.minitls.cli.bench;

import java.util.Optional;

/**
 * A server and the way to open sessions with it: minitls or a JSSE baseline in this process on loopback, or any TLS
 * 1.3 server that minitls's client connects to ({@link ConnectTarget}).
 * {@link #connect()} may be called from several threads at once.
 */
interface Target extends AutoCloseable {

    /** {@code minitls}, {@code jsse} or {@code bcjsse}. */
    String impl();

    /** The protocol spoken, e.g. {@code v2} or {@code TLSv1.3}. */
    String protocol();

    /** The crypto underneath, e.g. {@code fast} or the JDK's providers. */
    String provider();

    /** The TLS 1.3 algorithms both sides use, when they were chosen (not in minitls's v1 and v2). */
    Optional<BenchResult.Setup> setup();

    /** The port its server listens on: on loopback, for a server in this process. */
    int port();

    /** A new TCP connection with a full handshake done. */
    Session connect();

    /** Sessions the client side opened whose handshake was not full (a resumed session); a fair run has none. */
    long resumedHandshakes();

    /** Connections the server ended with a failure so far; a sound run has none. */
    long serverFailures();

    /** Stops the server and closes its connections. */
    @Override
    void close();

    /** What the server does with the records of a session. */
    enum Behaviour {
        /** Sends every record back. */
        ECHO,
        /** Reads and drops records; answers the end of the stream (see {@link Session#drain()}) once. */
        SINK
    }

    /** One established session, used by one thread. */
    interface Session extends AutoCloseable {

        void send(byte[] data);

        /** Reads {@code length} bytes sent back by an echoing server. */
        void receiveEcho(int length);

        /** Ends the stream to a sinking server and waits until the server has read all of it. */
        void drain();

        /** Ends the session. */
        @Override
        void close();
    }
}
