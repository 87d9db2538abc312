package dev.minitls.transport.tcp;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;

/** Small helpers shared by the socket classes. */
final class Sockets {

    private Sockets() {
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    static String address(InetAddress host, int port) {
        String text = host.getHostAddress();
        return (host instanceof Inet6Address ? "[" + text + "]" : text) + ":" + port;
    }

    /** A timeout as the socket API takes it: milliseconds, 0 meaning none. */
    static int millis(Duration timeout, String name) {
        if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 0 and " + Integer.MAX_VALUE + " ms, got "
                    + timeout);
        }
        return (int) timeout.toMillis();
    }

    /** An I/O error on one line: its message, or its type when it has none. */
    static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Closes, ignoring failure: used where nothing useful can be done about it. */
    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // already closing; there is no one left to tell
        }
    }
}
