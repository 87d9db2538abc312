package dev.minitls.cli.support;

import dev.minitls.cli.Main;
import dev.minitls.cli.runtime.BoundedLines;
import dev.minitls.cli.runtime.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process (the minitls command line in a fresh JVM, the Python reference peer, openssl) whose standard
 * output and error are collected line by line. Every wait has a limit, {@link #PATIENCE}: a process that outlives it
 * is killed and the test fails, saying what the process printed. The limit is a safety net, not a speed assertion.
 */
public final class Subprocess implements AutoCloseable {

    /** The longest any wait for a child process lasts. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Output lines longer than this end the collection with a failure: no child of these tests prints such. */
    private static final int MAX_LINE_BYTES = 1 << 20;

    private final String name;
    private final Process process;
    private final Output stdout;
    private final Output stderr;

    private Subprocess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdout = new Output(process.getInputStream(), name + " stdout");
        this.stderr = new Output(process.getErrorStream(), name + " stderr");
    }

    /** Starts {@code command} in {@code workDir}. */
    public static Subprocess start(Path workDir, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
        return new Subprocess(String.join(" ", command), process);
    }

    /**
     * Starts {@code minitls ARGS} ({@link Main}) in a fresh JVM on this test run's class path: the real executable,
     * with its exit status, its standard streams and its shutdown hook, without needing the packaged jar.
     */
    public static Subprocess minitls(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // a short-lived JVM starts faster without the optimising compiler
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return start(workDir, command);
    }

    /** The process's standard input; close it to signal the end of input. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for a line of standard output that {@code pattern} matches in full; returns the match. */
    public Matcher awaitStdout(Pattern pattern) throws InterruptedException {
        return stdout.await(pattern);
    }

    /** Waits for a line of standard error that {@code pattern} matches in full; returns the match. */
    public Matcher awaitStderr(Pattern pattern) throws InterruptedException {
        return stderr.await(pattern);
    }

    /** Waits for the process to end and for its output to be read; returns its exit status. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not end within " + PATIENCE + "; " + printed());
        }
        stdout.awaitEnd();
        stderr.awaitEnd();
        return process.exitValue();
    }

    /** Standard output so far, one entry per line (complete after {@link #awaitExit()}). */
    public List<String> stdout() {
        return stdout.lines();
    }

    /** Standard error so far, one entry per line (complete after {@link #awaitExit()}). */
    public List<String> stderr() {
        return stderr.lines();
    }

    /** What the process printed so far, for failure messages. */
    public String printed() {
        return "stdout " + stdout.lines() + ", stderr " + stderr.lines();
    }

    /**
     * Asks the process to stop with SIGTERM, so that a server's shutdown hook runs, and goes on collecting what it
     * prints (unlike {@link #close()}, which stops reading): wait for it with {@link #awaitExit()}.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /**
     * Stops the process if it still runs (SIGTERM, so a server's shutdown hook runs) and waits for it; a process that
     * ignores SIGTERM for {@link #PATIENCE} is killed and the test fails.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return;
        }
        process.destroyForcibly();
        throw new AssertionError(name + " did not stop within " + PATIENCE + " of SIGTERM; " + printed());
    }

    /** One output stream of the process, read on its own thread into a list that waiters watch. */
    private static final class Output {

        private final String name;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private boolean ended;

        Output(InputStream in, String name) {
            this.name = name;
            this.reader = new Thread(() -> pump(in), name);
            reader.setDaemon(true);
            reader.start();
        }

        private void pump(InputStream in) {
            try (in) {
                BoundedLines source = new BoundedLines(in, MAX_LINE_BYTES);
                while (source.hasNext()) {
                    add(source.next());
                }
            } catch (IOException | UserError e) {
                add("<" + name + " unreadable: " + e.getMessage() + ">");
            } finally {
                end();
            }
        }

        private synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        private synchronized void end() {
            ended = true;
            notifyAll();
        }

        synchronized Matcher await(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    Matcher matcher = pattern.matcher(lines.get(seen));
                    if (matcher.matches()) {
                        return matcher;
                    }
                }
                if (ended) {
                    throw new AssertionError(name + " ended without a line matching " + pattern + ": " + lines);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + " printed no line matching " + pattern + " within " + PATIENCE
                            + ": " + lines);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        void awaitEnd() throws InterruptedException {
            reader.join(PATIENCE.toMillis());
            if (reader.isAlive()) {
                throw new AssertionError(name + " stayed open " + PATIENCE + " after the process ended");
            }
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
