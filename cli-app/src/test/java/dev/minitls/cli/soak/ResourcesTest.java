package dev.minitls.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the soak counts as open: sockets, each one while it is open, and not the files the process reads. */
class ResourcesTest {

    @TempDir
    Path dir;

    @Test
    void anOpenSocketCountsAndAnOpenFileDoesNot() throws IOException {
        long before = Resources.measure().openSockets();
        assumeTrue(before >= 0, "open sockets are counted only where /proc/self/fd exists (Linux)");
        Path file = Files.writeString(dir.resolve("file"), "read");

        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                InputStream in = Files.newInputStream(file)) {
            assertThat(Resources.measure().openSockets()).as("with a socket and a file open").isEqualTo(before + 1);
        }
        assertThat(Resources.measure().openSockets()).as("both closed").isEqualTo(before);
    }
}
