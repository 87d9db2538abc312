package dev.minitls.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** What this process holds in memory: live heap after a full collection, resident set size, live threads. */
final class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryProbe() {
    }

    /**
     * @param heapBytes heap in use right after a full garbage collection: the live objects
     * @param rssBytes the resident set size (Linux only): heap pages, thread stacks and other native memory touched
     * @param threads live threads
     */
    record Sample(long heapBytes, OptionalLong rssBytes, int threads) {
    }

    /** Collects garbage (a full collection: the JDK's {@code System.gc()} returns once it is done), then samples. */
    static Sample sample() {
        System.gc();
        return new Sample(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), rss(),
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private static OptionalLong rss() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
