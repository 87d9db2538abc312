package dev.minitls.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minitls.cli.runtime.ClientApp;
import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.ServerApp;
import dev.minitls.cli.support.Golden;
import dev.minitls.cli.support.Providers;
import dev.minitls.cli.support.RecordedServerEvents;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.transport.json.JsonLinesV1Codec;
import dev.minitls.transport.json.JsonLinesV2Codec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * minitls against the Python reference peer in {@code src/test/resources/interop}, a reimplementation of the
 * original program that replays the recorded golden handshake byte for byte: its client against the Java server,
 * the Java client against its server, each with the original's certificates and with minitls' own; and a v2 client
 * refuses the original server instead of falling back. Skipped, with a message, when {@code python3} with the
 * {@code cryptography} package is not available.
 */
class InteropWithOriginalTest {

    private static final String SERVER_NAME = "example-server";
    private static final String ORIGINAL_CLIENT_MESSAGE = "This is the Client";
    private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");

    private static boolean pythonAvailable;
    private static Path scripts;

    @TempDir
    Path dir;

    /** Who made the certificates and keys, in the original layout under the test's folder. */
    enum Certificates {
        /** {@code seed_certs.py}: no extensions, valid 1970 to 2030, so checked at a fixed time inside that. */
        ORIGINAL(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)) {
            @Override
            void make(Path dir) throws Exception {
                Subprocess certs = python(dir, "seed_certs.py", "--dir", ".");
                assertThat(certs.awaitExit()).as(certs.printed()).isZero();
            }
        },
        /** {@code minitls certs}: valid from now. */
        MINITLS(Clock.systemUTC()) {
            @Override
            void make(Path dir) throws Exception {
                Subprocess certs = Subprocess.minitls(dir, "certs", "--dir", ".");
                assertThat(certs.awaitExit()).as(certs.printed()).isZero();
            }
        };

        final Clock clock;

        Certificates(Clock clock) {
            this.clock = clock;
        }

        abstract void make(Path dir) throws Exception;
    }

    @BeforeAll
    static void findThePythonPeer() throws Exception {
        pythonAvailable = pythonWithCryptography();
        scripts = Path.of(InteropWithOriginalTest.class.getResource("/interop/seed_protocol.py").toURI()).getParent();
    }

    /** Skips each test, so that every one of them is reported as skipped with the reason. */
    @BeforeEach
    void requirePythonWithCryptography() {
        assumeTrue(pythonAvailable,
                "skipped: python3 with the cryptography package is not available for the reference peer");
    }

    static Stream<Arguments> certificatesAndProviders() {
        return Stream.of(Certificates.values()).flatMap(certificates ->
                Stream.of(CryptoChoice.values()).map(provider -> Arguments.of(certificates, provider)));
    }

    @Test
    void referencePeerReplaysTheGoldenHandshake() throws Exception {
        Subprocess replay = python(dir, "seed_replay.py", Golden.path().toString());

        assertThat(replay.awaitExit()).as(replay.printed()).isZero();
        assertThat(replay.stdout()).containsExactly("golden replay OK");
    }

    @ParameterizedTest(name = "{0} certificates, Java server on {1}")
    @MethodSource("certificatesAndProviders")
    void originalClientIsServedByTheJavaServer(Certificates certificates, CryptoChoice provider) throws Exception {
        certificates.make(dir);
        Endpoints endpoints = endpoints(provider, certificates);
        RecordedServerEvents events = new RecordedServerEvents(1);

        try (ServerApp server = ServerApp.start("127.0.0.1", 0,
                endpoints.serverConfig(new PkiFiles(dir), EnumSet.allOf(ProtocolVersion.class),
                        HandshakeObserver.NONE), endpoints.formats(), false, events)) {
            Subprocess client = python(dir, "seed_client.py", "--dir", ".", "--host", "127.0.0.1",
                    "--port", Integer.toString(server.port()));
            assertThat(client.awaitExit()).as(client.printed()).isZero();
            assertThat(client.stdout()).containsExactly("Sent: " + ORIGINAL_CLIENT_MESSAGE);
            events.awaitClosed();
        }

        assertThat(events.failed()).isEmpty();
        assertThat(events.received().values()).containsExactly(List.of(ORIGINAL_CLIENT_MESSAGE));
    }

    @ParameterizedTest(name = "{0} certificates, Java client on {1}")
    @MethodSource("certificatesAndProviders")
    void javaClientIsServedByTheOriginalServer(Certificates certificates, CryptoChoice provider) throws Exception {
        certificates.make(dir);
        Endpoints endpoints = endpoints(provider, certificates);
        String message = "hello from the minitls client on " + provider;

        try (Subprocess server = python(dir, "seed_server.py", "--dir", ".", "--host", "127.0.0.1", "--port", "0")) {
            int port = Integer.parseInt(server.awaitStdout(LISTENING).group(1));
            SecureSession channel = ClientApp.connect("127.0.0.1", port,
                    endpoints.clientConfig(new PkiFiles(dir), SERVER_NAME, ProtocolVersion.V1, HandshakeObserver.NONE),
                    endpoints.formats());
            ClientApp.converse(channel, List.of(message).iterator(), answer -> fail("v1 has no answers: " + answer));

            assertThat(server.awaitExit()).as(server.printed()).isZero();
            assertThat(server.stdout()).containsExactly("LISTENING " + port, "Received: " + message);
        }
    }

    @Test
    void v2ClientRefusesToFallBackToTheOriginalServer() throws Exception {
        Certificates.ORIGINAL.make(dir);
        Endpoints endpoints = endpoints(CryptoChoice.bc, Certificates.ORIGINAL);

        try (Subprocess server = python(dir, "seed_server.py", "--dir", ".", "--host", "127.0.0.1", "--port", "0")) {
            int port = Integer.parseInt(server.awaitStdout(LISTENING).group(1));

            assertThatThrownBy(() -> ClientApp.connect("127.0.0.1", port,
                    endpoints.clientConfig(new PkiFiles(dir), SERVER_NAME, ProtocolVersion.V2, HandshakeObserver.NONE),
                    endpoints.formats()))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED_VERSION));
            assertThat(server.awaitExit()).as("the original fails on a hello it cannot read").isNotZero();
        }
    }

    private static Endpoints endpoints(CryptoChoice provider, Certificates certificates) {
        return new Endpoints(Providers.of(provider), new SecureRandomSource(), certificates.clock,
                new WireFormats(new JsonLinesV1Codec(), new JsonLinesV2Codec()));
    }

    private static Subprocess python(Path workDir, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        return Subprocess.start(workDir, command);
    }

    private static boolean pythonWithCryptography() throws InterruptedException {
        try {
            return Subprocess.start(Path.of("."), List.of("python3", "-c", "import cryptography")).awaitExit() == 0;
        } catch (IOException noPython) {
            return false;
        }
    }
}
