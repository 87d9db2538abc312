package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.BoundedLines;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.domain.error.PeerText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench --mode sessions} in tls13: what one server holds. The server (the target's) runs in this JVM; the
 * sessions' client ends are held by a child JVM, a {@link SessionsClient} on this JVM's java and class path, so that
 * this process's heap, resident memory and threads grow by the server's side only, and the same client holds the
 * sessions of every server compared. Every line the child says is bounded in size and waited for a bounded time; a
 * child that ends early is reported with its exit status and the last lines of its standard error; the child is
 * killed whenever the measurement ends, failed or not.
 */
final class ServerSessions {

    /** Lines of the child's standard error kept for a failure's message. */
    private static final int STDERR_LINES = 5;
    private static final int STDERR_LINE_BYTES = 1024;
    /** For the child's JVM to start and its first handshakes, and for it to end once it said its last word. */
    private static final Duration START = Duration.ofSeconds(60);
    /** Per session, on top of {@link #START}: far beyond a handshake, or an echo, on a loaded machine. */
    private static final Duration PER_SESSION = Duration.ofMillis(100);

    private final List<String> launcher;
    private final Duration start;
    private final Duration end;

    /**
     * Starts children with {@code launcher} followed by {@link SessionsClient#arguments}; waits {@code start} plus a
     * tenth of a second per session for each of the child's answers (the first includes its JVM's start), and
     * {@code end} for it to end after its last.
     */
    ServerSessions(List<String> launcher, Duration start, Duration end) {
        this.launcher = List.copyOf(launcher);
        this.start = start;
        this.end = end;
    }

    /** A {@link SessionsClient} in a JVM like this one: the same java, the same class path. */
    static ServerSessions inChildJvm() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ServerSessions(List.of(java, "-cp", System.getProperty("java.class.path"),
                SessionsClient.class.getName()), START, START);
    }

    /**
     * {@code settings.connections()} sessions with {@code target}'s server on loopback, whose chain leads to
     * {@code rootCertificatePem}: the heap (after a full collection), resident memory and threads this process grew
     * by per idle session.
     *
     * @throws UserError when the child failed, ended early or said something else than it should
     */
    BenchResult measure(Target target, BenchSettings settings, Algorithms algorithms, byte[] rootCertificatePem) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(SessionsClient.arguments(target.port(), rootCertificatePem, algorithms, settings));
        Duration patience = start.plus(PER_SESSION.multipliedBy(settings.connections()));
        try (Child child = Child.start(command)) {
            MemoryProbe.Sample before = MemoryProbe.sample();
            long begin = System.nanoTime();
            child.tell(SessionsClient.OPEN);
            int established = child.await(SessionsClient.ESTABLISHED, settings.connections(), patience);
            long elapsed = System.nanoTime() - begin;
            MemoryProbe.Sample after = MemoryProbe.sample();
            child.tell(SessionsClient.ECHO);
            int echoed = child.await(SessionsClient.ECHOED, established, patience);
            if (echoed != established) {
                throw new UserError("the sessions client echoed on " + echoed + " of its " + established
                        + " sessions");
            }
            child.awaitExit(end);
            return Workloads.idleSessions(target, settings, established, before, after, elapsed,
                    BenchResult.SERVER_SIDE);
        }
    }

    /** The child process: its standard input, its lines on standard output, the tail of its standard error. */
    private static final class Child implements AutoCloseable {

        private final Process process;
        private final OutputStream stdin;
        private final TimedLines stdout;
        private final Deque<String> stderr = new ArrayDeque<>();
        private final Thread stderrReader;

        private Child(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            this.stdout = new TimedLines(process.getInputStream(), SessionsClient.MAX_LINE_BYTES,
                    "the sessions client (pid " + process.pid() + ")");
            this.stderrReader = new Thread(() -> keepTail(process.getErrorStream()), "minitls-bench-child-stderr");
            stderrReader.setDaemon(true);
            stderrReader.start();
        }

        static Child start(List<String> command) {
            try {
                return new Child(new ProcessBuilder(command).start());
            } catch (IOException e) {
                throw new UserError("cannot start the sessions client " + PeerText.quote(command.get(0)) + ": "
                        + e.getMessage());
            }
        }

        void tell(String word) {
            try {
                stdin.write((word + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException e) {
                throw ended("before it was told " + PeerText.quote(word));
            }
        }

        /** The number N of the line {@code word N}, from 1 to {@code max}. */
        int await(String word, int max, Duration patience) {
            String line = stdout.next(patience).orElseThrow(() -> ended("before it said " + PeerText.quote(word)));
            String[] parts = line.split(" ", -1);
            if (parts.length == 2 && parts[0].equals(word) && parts[1].matches("[0-9]{1,9}")) {
                int count = Integer.parseInt(parts[1]);
                if (count >= 1 && count <= max) {
                    return count;
                }
            }
            throw new UserError("the sessions client said " + PeerText.quote(line) + " where '" + word + " N' with N"
                    + " from 1 to " + max + " was due");
        }

        /** Waits for the child to end on its own, with exit status 0. */
        void awaitExit(Duration patience) {
            try {
                if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new UserError("the sessions client did not end within " + patience.toSeconds()
                            + " s of its last word");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted while waiting for the sessions client to end");
            }
            if (process.exitValue() != 0) {
                throw ended("after its last word");
            }
        }

        /** Kills the child if it still runs. */
        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(START.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The child ended (or is ending) {@code when}: its exit status and the last lines of its standard error. */
        private UserError ended(String when) {
            String status;
            try {
                status = process.waitFor(START.toMillis(), TimeUnit.MILLISECONDS)
                        ? "ended with exit status " + process.exitValue() : "stopped talking";
                stderrReader.join(START.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = "stopped talking";
            }
            return new UserError("the sessions client (a child JVM) " + status + " " + when + "; its standard error: "
                    + tail());
        }

        private synchronized String tail() {
            return stderr.isEmpty() ? "nothing" : String.join(" / ", stderr);
        }

        private void keepTail(InputStream in) {
            try {
                BoundedLines lines = new BoundedLines(in, STDERR_LINE_BYTES);
                while (lines.hasNext()) {
                    keep(PeerText.escape(lines.next()));
                }
            } catch (UserError e) {
                keep("<" + e.getMessage() + ">");
            }
        }

        private synchronized void keep(String line) {
            if (stderr.size() == STDERR_LINES) {
                stderr.removeFirst();
            }
            stderr.add(line);
        }
    }
}
