package dev.minitls.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The soak CI runs: a few thousand connections on the loopback from several threads, half of them good clients and
 * the rest every hostile case of {@link SoakCase} in turn. Afterwards every good client was served, every hostile
 * one reported by the server with its own line, the server still serves, and its threads, open sockets and heap came
 * back. {@code ./minitls soak --connections N} runs a bigger one.
 */
class SoakTest {

    private static final int CONNECTIONS = 3000;
    private static final int CLIENT_THREADS = 8;

    @Test
    void theServerNeverFallsOverNeverHangsAndNeverLeaks() throws InterruptedException {
        SoakReport report = Soak.run(Wiring.endpoints(CryptoChoice.bc),
                new Soak.Options(CONNECTIONS, CLIENT_THREADS, Duration.ofMinutes(3), Soak.Options.LIMITS));

        report.lines().forEach(System.out::println);
        assertThat(report.problems()).isEmpty();
        assertThat(report.lines()).first().asString().startsWith("soak: " + CONNECTIONS + " connections");
    }

    @Test
    void aSoakThatOutrunsItsTimeLimitStopsAndFails() throws InterruptedException {
        SoakReport report = Soak.run(Wiring.endpoints(CryptoChoice.bc),
                new Soak.Options(CONNECTIONS, 2, Duration.ofMillis(1), Soak.Options.LIMITS));

        assertThat(report.passed()).isFalse();
        assertThat(report.problems()).first().asString()
                .startsWith("the connections took longer than the time limit of 0 s; ");
        assertThat(report.problems()).anyMatch(problem -> problem.startsWith("only ")
                && problem.endsWith(" of " + CONNECTIONS + " connections were made"));
    }

    @Test
    void aSoakOfNothingOrWithoutTimeIsRefused() {
        assertThatThrownBy(() -> new Soak.Options(0, 1, Duration.ofSeconds(1), Soak.Options.LIMITS))
                .hasMessage("a soak needs at least 1 connection, got 0");
        assertThatThrownBy(() -> new Soak.Options(1, 0, Duration.ofSeconds(1), Soak.Options.LIMITS))
                .hasMessage("client threads must be 1 to 64, got 0");
        assertThatThrownBy(() -> new Soak.Options(1, 1, Duration.ZERO, Soak.Options.LIMITS))
                .hasMessage("the time limit must be positive, got PT0S");
    }

    @Test
    void halfTheConnectionsAreGoodAndEveryHostileCaseComesRoundInTurn() {
        List<SoakCase> round = IntStream.range(0, 2 * SoakCase.HOSTILE.size()).mapToObj(SoakCase::forConnection)
                .toList();

        assertThat(round).containsAll(SoakCase.HOSTILE).contains(SoakCase.GOOD_V1, SoakCase.GOOD_V2);
        assertThat(round.stream().filter(SoakCase::good)).hasSize(SoakCase.HOSTILE.size());
    }
}
