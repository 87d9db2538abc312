package dev.minitls.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The soak's verdict from its figures: each thing that can go wrong is a problem of its own, named. */
class SoakReportTest {

    private static final Resources BEFORE = new Resources(10, 50, 20L << 20);

    /** A report of two connections, a good v2 client and a client that hung up, as a healthy server gives it. */
    private static SoakReport report(Consumer<Figures> change) {
        Figures figures = new Figures();
        change.accept(figures);
        SoakEvents events = new SoakEvents(List.of("connection closed by peer:"));
        for (int i = 0; i < figures.messagesReceived; i++) {
            events.received("127.0.0.1:1", "soak message");
        }
        figures.reports.forEach(reason -> events.failed("127.0.0.1:2", reason));
        SoakReport.Builder builder = new SoakReport.Builder(
                new Soak.Options(2, 1, Duration.ofSeconds(10), Soak.Options.LIMITS), "bc", BEFORE);
        builder.played(SoakCase.GOOD_V2, new Soak.Played(2, figures.clientFailure));
        if (figures.bothMade) {
            builder.played(SoakCase.HANG_UP, new Soak.Played(0, null));
        }
        builder.elapsed(Duration.ofSeconds(1));
        builder.closed(2);
        builder.server(events, figures.refused, 0);
        builder.lastClient(new Soak.Played(2, figures.lastClientFailure), 3);
        builder.leftoverThreads(figures.leftoverThreads);
        return builder.build(figures.after);
    }

    /** What a test changes; the defaults are those of a soak that passes. */
    private static final class Figures {
        int messagesReceived = 4;
        List<String> reports = List.of("connection closed by peer: end of stream");
        String clientFailure;
        String lastClientFailure;
        boolean bothMade = true;
        long refused;
        List<String> leftoverThreads = List.of();
        Resources after = BEFORE;
    }

    @Test
    void aSoakWhereEverythingIsAsItMustBePasses() {
        SoakReport report = report(f -> { });

        assertThat(report.problems()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.lines()).first().asString().startsWith("soak: 2 connections from 1 client threads in 1.0 s");
        assertThat(report.lines()).contains("  server reported \"connection closed by peer:\" 1 times, for 1 such"
                + " clients").last().isEqualTo("passed");
    }

    @Test
    void aClientThatSawSomethingElseIsAProblem() {
        assertThat(report(f -> f.clientFailure = "java.lang.IllegalStateException: saw echoes []").problems())
                .containsExactly("1 clients of \"good v2 client, messages echoed\" did not see what they should",
                        "  e.g. good v2 client, messages echoed: java.lang.IllegalStateException: saw echoes []");
    }

    @Test
    void aHostileClientTheServerDidNotReportIsAProblem() {
        assertThat(report(f -> f.reports = List.of()).problems())
                .containsExactly("the server reported \"connection closed by peer:\" 0 times, not 1");
    }

    @Test
    void aReportOfAnotherKindOrOnMoreThanOneLineIsAProblem() {
        assertThat(report(f -> f.reports = List.of("connection closed by peer: end\nof stream",
                "internal error: java.lang.NullPointerException")).problems()).containsExactly(
                "the server reported \"connection closed by peer:\" 0 times, not 1",
                "2 reports of the server were unexpected, e.g. [[127.0.0.1:2] connection closed by peer: end\nof stream,"
                        + " [127.0.0.1:2] internal error: java.lang.NullPointerException]");
    }

    @Test
    void lostMessagesAreAProblem() {
        assertThat(report(f -> f.messagesReceived = 3).problems())
                .containsExactly("the server received 3 messages, not 4");
    }

    @Test
    void connectionsNotMadeWithinTheTimeLimitAreAProblem() {
        assertThat(report(f -> f.bothMade = false).problems()).contains("only 1 of 2 connections were made");
    }

    @Test
    void aRefusalUnderTheCapsIsAProblem() {
        assertThat(report(f -> f.refused = 1).problems()).containsExactly("the server refused connections under its caps");
    }

    @Test
    void aServerThatNoLongerServesIsAProblem() {
        assertThat(report(f -> f.lastClientFailure = "connection failed").problems())
                .containsExactly("the server did not serve a good client after the soak: connection failed");
    }

    @Test
    void threadsOpenSocketsOrHeapLeftBehindAreProblems() {
        assertThat(report(f -> f.leftoverThreads = List.of("minitls-conn-1")).problems())
                .containsExactly("threads still running after the soak: [minitls-conn-1]");
        assertThat(report(f -> f.after = new Resources(11, 50, BEFORE.heapBytes())).problems())
                .containsExactly("threads still running after the soak: []");
        assertThat(report(f -> f.after = new Resources(10, 52, BEFORE.heapBytes())).problems())
                .containsExactly("2 more open sockets after the soak");
        assertThat(report(f -> f.after = new Resources(10, 50, BEFORE.heapBytes() + Soak.HEAP_SLACK_BYTES + 1))
                .problems()).containsExactly("the heap grew by 64.0 MiB");
        assertThat(report(f -> f.after = new Resources(10, 50, BEFORE.heapBytes() + Soak.HEAP_SLACK_BYTES))
                .problems()).as("up to the slack").isEmpty();
    }
}
