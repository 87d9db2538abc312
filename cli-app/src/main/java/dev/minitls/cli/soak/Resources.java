package dev.minitls.cli.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the process holds at one moment: live threads, open file descriptors (Linux only, from /proc/self/fd; -1
 * elsewhere) and the heap in use after a garbage collection.
 */
record Resources(int threads, long openFiles, long heapBytes) {

    private static final Path OPEN_FILES = Path.of("/proc/self/fd");

    static Resources measure() {
        Runtime runtime = Runtime.getRuntime();
        // Two collections: the first may leave objects that only become unreachable once finalized references go.
        System.gc();
        System.gc();
        return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), countOpenFiles(),
                runtime.totalMemory() - runtime.freeMemory());
    }

    boolean countsOpenFiles() {
        return openFiles >= 0;
    }

    private static long countOpenFiles() {
        if (!Files.isDirectory(OPEN_FILES)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(OPEN_FILES)) {
            return files.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
