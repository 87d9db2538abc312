package dev.minitls.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.handshake.ProtocolVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The failures of {@code bench --mode sessions} in tls13, whose clients are a child JVM: a child that dies, says
 * something malformed or nothing at all is a clear error, and is gone once the bench gave up on it. (The mode's
 * normal runs are {@code BenchCommandTest}'s.) The time limits here are how long the bench waits, never a speed
 * asserted.
 */
class ServerSessionsTest {

    private static final BenchSettings TEN_SESSIONS = new BenchSettings(Mode.sessions, 10, 2, 32, Optional.empty(),
            Duration.ZERO);
    private static final BenchPki PKI = new BenchPki(KeyType.ED25519);
    /** How long the bench waits where the test is not about waiting: far longer than a JVM takes to start. */
    private static final Duration PATIENT = Duration.ofSeconds(30);
    private static MinitlsTarget server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = new MinitlsTarget(Wiring.endpoints(CryptoChoice.fast), ProtocolVersion.TLS13, Algorithms.DEFAULT, PKI,
                Target.Behaviour.ECHO, 16);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aChildThatDiesEarlyIsReportedWithItsExitStatusAndItsLastWordsEscaped() {
        assertThatThrownBy(() -> measureWith("dies", PATIENT, PATIENT))
                .isInstanceOf(UserError.class)
                .hasMessage("the sessions client (a child JVM) ended with exit status 3 before it said \"established\";"
                        + " its standard error: cannot reach the server: \\u001b[2J connection refused");
    }

    @Test
    void aChildThatDiesAfterTheSessionsWereUpIsReportedToo() {
        assertThatThrownBy(() -> measureWith("dies-after-established", PATIENT, PATIENT))
                .isInstanceOf(UserError.class)
                .hasMessage("the sessions client (a child JVM) ended with exit status 1 before it said \"echoed\";"
                        + " its standard error: session 4: connection reset");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed|the sessions client said \"established lots\" where 'established N' with N from 1 to 10 was due",
        "too-many|the sessions client said \"established 11\" where 'established N' with N from 1 to 10 was due",
        "long-line|input line longer than 64 bytes"})
    void aChildThatSaysSomethingElseIsAnErrorAndIsKilled(String behaviour, String message) {
        assertThatThrownBy(() -> measureWith(behaviour, PATIENT, PATIENT))
                .isInstanceOf(UserError.class)
                .hasMessageEndingWith(message);
        assertThat(fakeChildrenAlive()).as("the child is killed, not left waiting").isZero();
    }

    @Test
    void aChildThatEchoesOnFewerSessionsThanItEstablishedIsAnError() {
        assertThatThrownBy(() -> measureWith("echoes-fewer", PATIENT, PATIENT))
                .isInstanceOf(UserError.class)
                .hasMessage("the sessions client echoed on 9 of its 10 sessions");
        assertThat(fakeChildrenAlive()).isZero();
    }

    @Test
    void aChildThatDoesNotEndAfterItsLastWordIsAnErrorAndIsKilled() {
        assertThatThrownBy(() -> measureWith("lingers", PATIENT, Duration.ofSeconds(1)))
                .isInstanceOf(UserError.class)
                .hasMessage("the sessions client did not end within 1 s of its last word");
        assertThat(fakeChildrenAlive()).isZero();
    }

    @Test
    void aChildThatSaysNothingIsGivenUpOnAfterItsTimeAndKilled() {
        assertThatThrownBy(() -> measureWith("silent", Duration.ofSeconds(1), PATIENT))
                .isInstanceOf(UserError.class)
                .hasMessageMatching("the sessions client \\(pid \\d+\\) said nothing within 2000 ms");
        assertThat(fakeChildrenAlive()).isZero();
    }

    @Test
    void theRealClientEndsWhenTheBenchIsGoneBeforeItSaidOpen() throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                SessionsClient.class.getName()));
        command.addAll(SessionsClient.arguments(server.port(), PKI.rootCertificatePem(), Algorithms.DEFAULT,
                TEN_SESSIONS));
        try (Subprocess client = Subprocess.start(dir, command)) {
            client.stdin().close();

            assertThat(client.awaitExit()).as(client.printed()).isEqualTo(1);
            assertThat(client.stderr()).containsExactly(
                    "minitls sessions client: expected \"open\" from the bench, got the end of its input");
            assertThat(client.stdout()).isEmpty();
        }
    }

    private static BenchResult measureWith(String behaviour, Duration start, Duration end) {
        List<String> launcher = List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                FakeSessionsClient.class.getName(), behaviour);
        return new ServerSessions(launcher, start, end).measure(server, TEN_SESSIONS, Algorithms.DEFAULT,
                PKI.rootCertificatePem());
    }

    private static long fakeChildrenAlive() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of())
                        .contains(FakeSessionsClient.class.getName()))
                .filter(ProcessHandle::isAlive)
                .count();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
