package dev.minitls.cli.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the process holds at one moment: live threads, open sockets (Linux only, from /proc/self/fd; -1 elsewhere)
 * and the heap in use after a garbage collection. Sockets, not every descriptor: a connection left open is the leak
 * to find, while the class loader opens the jars of a class path as it first needs each, at any moment.
 */
record Resources(int threads, long openSockets, long heapBytes) {

    private static final Path OPEN_FILES = Path.of("/proc/self/fd");

    static Resources measure() {
        Runtime runtime = Runtime.getRuntime();
        // Two collections: the first may leave objects that only become unreachable once finalized references go.
        System.gc();
        System.gc();
        return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), countOpenSockets(),
                runtime.totalMemory() - runtime.freeMemory());
    }

    boolean countsOpenSockets() {
        return openSockets >= 0;
    }

    private static long countOpenSockets() {
        if (!Files.isDirectory(OPEN_FILES)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(OPEN_FILES)) {
            return files.filter(Resources::isSocket).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** A descriptor's link reads {@code socket:[inode]}; one closed while the list is read is none. */
    private static boolean isSocket(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString().startsWith("socket:");
        } catch (IOException e) {
            return false;
        }
    }
}
