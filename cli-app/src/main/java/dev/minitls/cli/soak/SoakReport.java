package dev.minitls.cli.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a {@link Soak} did, line by line, and what went wrong: it passed when {@link #problems()} is empty. */
public final class SoakReport {

    private final List<String> lines;
    private final List<String> problems;

    private SoakReport(List<String> lines, List<String> problems) {
        this.lines = List.copyOf(lines);
        this.problems = List.copyOf(problems);
    }

    /** The report to print, ending with the verdict. */
    public List<String> lines() {
        return lines;
    }

    /** Everything that was not as it must be; empty when the soak passed. */
    public List<String> problems() {
        return problems;
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    /** Collects the figures as the soak goes; the client threads report to it at the same time. */
    static final class Builder {

        private static final int FAILURES_KEPT = 5;

        private final Soak.Options options;
        private final String provider;
        private final Resources before;
        private final Map<SoakCase, Long> launched = new EnumMap<>(SoakCase.class);
        private final Map<SoakCase, Long> clientFailures = new EnumMap<>(SoakCase.class);
        private final List<String> failureExamples = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private long expectedMessages;
        private Duration elapsed = Duration.ZERO;
        private long closed;
        private String lastClientFailure = "not run";
        private SoakEvents events;
        private long refusedConnections;
        private long refusedHandshakes;
        private List<String> leftoverThreads = List.of();

        Builder(Soak.Options options, String provider, Resources before) {
            this.options = options;
            this.provider = provider;
            this.before = before;
            for (SoakCase c : SoakCase.values()) {
                launched.put(c, 0L);
                clientFailures.put(c, 0L);
            }
        }

        synchronized void played(SoakCase c, Soak.Played played) {
            launched.merge(c, 1L, Long::sum);
            expectedMessages += played.messages();
            if (played.failure() != null) {
                clientFailures.merge(c, 1L, Long::sum);
                if (failureExamples.size() < FAILURES_KEPT) {
                    failureExamples.add(c.label() + ": " + played.failure());
                }
            }
        }

        synchronized void problem(String problem) {
            problems.add(problem);
        }

        void elapsed(Duration elapsed) {
            this.elapsed = elapsed;
        }

        void closed(long closed) {
            this.closed = closed;
        }

        /** The good client after the soak, and how many connections the server had ended once it was done. */
        synchronized void lastClient(Soak.Played played, long closedWithIt) {
            expectedMessages += played.messages();
            lastClientFailure = played.failure() != null ? played.failure()
                    : closedWithIt > closed ? null : "the server did not end its connection";
        }

        void server(SoakEvents events, long refusedConnections, long refusedHandshakes) {
            this.events = events;
            this.refusedConnections = refusedConnections;
            this.refusedHandshakes = refusedHandshakes;
        }

        void leftoverThreads(List<String> leftoverThreads) {
            this.leftoverThreads = List.copyOf(leftoverThreads);
        }

        synchronized SoakReport build(Resources after) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "soak: %d connections from %d client threads in %.1f s (%.0f per"
                    + " second), provider %s, loopback only", made(), options.threads(), seconds(elapsed),
                    made() / Math.max(seconds(elapsed), 0.001), provider));
            for (SoakCase c : SoakCase.values()) {
                lines.add(String.format(Locale.ROOT, "  %-50s %6d  %s", c.label(), launched.get(c),
                        c.report().map(r -> "server: " + r).orElse("served")));
            }
            checkClients(lines);
            checkServer(lines);
            checkResources(lines, after);
            lines.add(problems.isEmpty() ? "passed" : "FAILED:");
            problems.forEach(problem -> lines.add("  " + problem));
            return new SoakReport(lines, problems);
        }

        private void checkClients(List<String> lines) {
            if (made() < options.connections()) {
                problems.add("only " + made() + " of " + options.connections() + " connections were made");
            }
            clientFailures.forEach((c, failures) -> {
                if (failures > 0) {
                    problems.add(failures + " clients of \"" + c.label() + "\" did not see what they should");
                }
            });
            failureExamples.forEach(example -> problems.add("  e.g. " + example));
        }

        private void checkServer(List<String> lines) {
            Map<String, Long> expected = new LinkedHashMap<>();
            for (SoakCase c : SoakCase.HOSTILE) {
                expected.merge(c.report().orElseThrow(), launched.get(c), Long::sum);
            }
            expected.forEach((report, count) -> {
                long seen = events.reported(report);
                lines.add(String.format(Locale.ROOT, "  server reported \"%s\" %d times, for %d such clients",
                        report, seen, count));
                if (seen != count) {
                    problems.add("the server reported \"" + report + "\" " + seen + " times, not " + count);
                }
            });
            lines.add("  server received " + events.received() + " messages of " + expectedMessages + " sent; refused "
                    + refusedConnections + " connections, " + refusedHandshakes + " handshakes; still accepting: "
                    + (lastClientFailure == null ? "yes" : "no"));
            if (events.unexpectedCount() > 0) {
                problems.add(events.unexpectedCount() + " reports of the server were unexpected, e.g. "
                        + events.unexpected());
            }
            if (events.received() != expectedMessages) {
                problems.add("the server received " + events.received() + " messages, not " + expectedMessages);
            }
            if (closed < made()) {
                problems.add("the server ended only " + closed + " of " + made() + " connections");
            }
            if (refusedConnections + refusedHandshakes > 0) {
                problems.add("the server refused connections under its caps");
            }
            if (lastClientFailure != null) {
                problems.add("the server did not serve a good client after the soak: " + lastClientFailure);
            }
        }

        private void checkResources(List<String> lines, Resources after) {
            lines.add(String.format(Locale.ROOT, "  threads %d before, %d after; open sockets %s before, %s after;"
                    + " heap after GC %.1f MiB before, %.1f MiB after", before.threads(), after.threads(),
                    sockets(before), sockets(after), mebibytes(before.heapBytes()), mebibytes(after.heapBytes())));
            if (!leftoverThreads.isEmpty() || after.threads() > before.threads()) {
                problems.add("threads still running after the soak: " + leftoverThreads);
            }
            if (before.countsOpenSockets() && after.openSockets() > before.openSockets()) {
                problems.add((after.openSockets() - before.openSockets()) + " more open sockets after the soak");
            }
            if (after.heapBytes() - before.heapBytes() > Soak.HEAP_SLACK_BYTES) {
                problems.add(String.format(Locale.ROOT, "the heap grew by %.1f MiB",
                        mebibytes(after.heapBytes() - before.heapBytes())));
            }
        }

        /** How many connections the client threads made. */
        synchronized long made() {
            return launched.values().stream().mapToLong(Long::longValue).sum();
        }

        private static String sockets(Resources resources) {
            return resources.countsOpenSockets() ? Long.toString(resources.openSockets()) : "(not counted here)";
        }

        private static double seconds(Duration duration) {
            return duration.toNanos() / 1e9;
        }

        private static double mebibytes(long bytes) {
            return bytes / (1024.0 * 1024.0);
        }
    }
}
