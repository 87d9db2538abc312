package dev.minitls.archfixture.cli.bench;

import java.io.IOException;

/** Allowed by rule 13: the bench starts a child JVM to hold the client ends of the sessions it measures. */
public final class ChildJvmBench {

    Process start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-version").start();
    }
}
