package dev.minitls.cli.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time used by this whole process (every thread, user and system, the JIT and the garbage collector included).
 * On a machine shared with other work, CPU time per operation is steadier than wall-clock rates.
 */
final class CpuClock {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {
    }

    static long processNanos() {
        return OS.getProcessCpuTime();
    }
}
