package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.minitls.cli.api.MinitlsClient;
import dev.minitls.cli.api.SecureConnection;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.support.RawClient;
import dev.minitls.cli.support.SlowServer;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.transport.json.JsonLinesV2Codec;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code minitls} executable as a user runs it: each command in its own JVM ({@link dev.minitls.cli.Main} on
 * the test class path), checked by exit status, standard output and standard error. One echoing server serves every
 * test that needs one; each such test sends messages no other test sends.
 */
class CliEndToEndTest {

    private static final Pattern LISTENING = Pattern.compile(
            "minitls server listening on 127\\.0\\.0\\.1:(\\d+) \\(.*provider fast.*\\); Ctrl-C stops it");
    private static final Pattern SECRET_SIZED_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final List<String> LAYOUT = List.of(
            "certs/root_ca_certificate.pem", "certs/server_certificate.pem", "certs/root_ca.pem", "certs/server.pem",
            "private_certs/root_ca-key.pem", "private_certs/server-key.pem");
    private static final List<String> PRIVATE_KEYS =
            List.of("private_certs/root_ca-key.pem", "private_certs/server-key.pem");

    @TempDir
    static Path serverDir;

    private static Subprocess server;
    private static int port;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        PkiWriter.write(new PkiFiles(serverDir), PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        server = Subprocess.minitls(serverDir, "server", "--dir", ".", "--host", "127.0.0.1", "--port", "0",
                "--echo");
        port = Integer.parseInt(server.awaitStdout(LISTENING).group(1));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void certsWritesTheOriginalLayoutWithPrivateKeysForTheOwnerOnly() throws Exception {
        Subprocess certs = Subprocess.minitls(dir, "certs", "--dir", "pki");

        assertThat(certs.awaitExit()).as(certs.printed()).isZero();
        assertThat(certs.stdout()).containsExactlyElementsOf(
                LAYOUT.stream().map(file -> "wrote " + Path.of("pki", file)).toList());
        assertThat(certs.stderr()).isEmpty();
        Path pki = dir.resolve("pki");
        for (String file : LAYOUT) {
            String label = file.startsWith("private_certs/") ? "PRIVATE KEY"
                    : file.endsWith("_certificate.pem") ? "CERTIFICATE" : "PUBLIC KEY";
            assertThat(Files.readString(pki.resolve(file), StandardCharsets.US_ASCII)).as(file)
                    .startsWith("-----BEGIN " + label + "-----\n").endsWith("-----END " + label + "-----\n");
        }
        for (String key : PRIVATE_KEYS) {
            assertThat(Files.getPosixFilePermissions(pki.resolve(key))).as(key)
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void certsRefusesToOverwriteWithoutForceAndReplacesWithIt() throws Exception {
        assertThat(Subprocess.minitls(dir, "certs").awaitExit()).isZero();
        Map<String, String> first = contents(dir);

        Subprocess refused = Subprocess.minitls(dir, "certs");
        assertOneLineFailure(refused, "minitls: refusing to overwrite ")
                .contains("certs/root_ca_certificate.pem", "--force");
        assertThat(refused.stdout()).isEmpty();
        assertThat(contents(dir)).as("files after the refusal").containsExactlyInAnyOrderEntriesOf(first);

        Subprocess forced = Subprocess.minitls(dir, "certs", "--force");
        assertThat(forced.awaitExit()).as(forced.printed()).isZero();
        Map<String, String> second = contents(dir);
        for (String file : LAYOUT) {
            assertThat(second.get(file)).as(file + " replaced").isNotEqualTo(first.get(file));
        }
        for (String key : PRIVATE_KEYS) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(key))).as(key)
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void opensslVerifiesTheServerCertificateAgainstTheRootCa() throws Exception {
        assumeTrue(onPath("openssl"), "skipped: openssl is not on the PATH");
        assertThat(Subprocess.minitls(dir, "certs").awaitExit()).isZero();

        Subprocess verify = Subprocess.start(dir, List.of("openssl", "verify", "-CAfile",
                "certs/root_ca_certificate.pem", "certs/server_certificate.pem"));

        assertThat(verify.awaitExit()).as(verify.printed()).isZero();
        assertThat(verify.stdout()).containsExactly("certs/server_certificate.pem: OK");
    }

    /** The README's example: {@code openssl s_client} verifies the server and has its line echoed over TLS 1.3. */
    @Test
    void opensslSClientVerifiesTheServerAndGetsItsLineEchoedOverTls13() throws Exception {
        assumeTrue(onPath("openssl"), "skipped: openssl is not on the PATH");
        Subprocess openssl = Subprocess.start(serverDir, List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + port, "-CAfile", "certs/root_ca_certificate.pem", "-servername", "example-server",
                "-verify_return_error", "-tls1_3"));
        try (OutputStream stdin = openssl.stdin()) {
            stdin.write("echo me, openssl\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            openssl.awaitStdout(Pattern.compile("echo me, openssl"));
        }

        assertThat(openssl.awaitExit()).as(openssl.printed()).isZero();
        assertThat(openssl.stdout()).contains("Verify return code: 0 (ok)")
                .anyMatch(line -> line.startsWith("New, TLSv1.3, Cipher is TLS_"));
        // The line's newline came in the record, and the server prints it escaped.
        server.awaitStdout(Pattern.compile("\\[127\\.0\\.0\\.1:\\d+\\] echo me, openssl\\S*"));
    }

    @Test
    void serverPrintsEachMessageWithTheClientsAddressAndEchoesItToAV2Client() throws Exception {
        Subprocess client = client("--message", "first of two", "--message", "second of two");

        assertThat(client.awaitExit()).as(client.printed()).isZero();
        assertThat(client.stdout()).as("the echoes").containsExactly("first of two", "second of two");
        assertThat(client.stderr()).isEmpty();
        String first = server.awaitStdout(received("first of two")).group(1);
        String second = server.awaitStdout(received("second of two")).group(1);
        assertThat(second).as("both from the same client connection").isEqualTo(first);
    }

    @Test
    void v1ClientIsServedWithoutEcho() throws Exception {
        Subprocess client = client("--protocol", "v1", "--message", "over protocol v1");

        assertThat(client.awaitExit()).as(client.printed()).isZero();
        server.awaitStdout(received("over protocol v1"));
        assertThat(client.stdout()).as("v1 is one-way").isEmpty();
        assertThat(client.stderr()).isEmpty();
    }

    @Test
    void clientSendsEachLineOfStandardInput() throws Exception {
        Subprocess client = client();
        try (OutputStream stdin = client.stdin()) {
            stdin.write("from stdin\r\nsecond line from stdin\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(client.awaitExit()).as(client.printed()).isZero();
        assertThat(client.stdout()).as("the echoes").containsExactly("from stdin", "second line from stdin");
        String first = server.awaitStdout(received("from stdin")).group(1);
        assertThat(server.awaitStdout(received("second line from stdin")).group(1)).isEqualTo(first);
    }

    @Test
    void aTls13ClientGivenConnectAndCaFileIsServedAndEchoedOnTheSamePort() throws Exception {
        Subprocess client = tls13Client("--server-name", "example-server", "--ca-file",
                "certs/root_ca_certificate.pem", "--key-update-every", "2", "--message", "tls13 one", "--message",
                "tls13 two", "--message", "tls13 three");

        assertThat(client.awaitExit()).as(client.printed()).isZero();
        assertThat(client.stdout()).as("the echoes").containsExactly("tls13 one", "tls13 two", "tls13 three");
        assertThat(client.stderr()).isEmpty();
        String first = server.awaitStdout(received("tls13 one")).group(1);
        assertThat(server.awaitStdout(received("tls13 three")).group(1)).isEqualTo(first);
    }

    @Test
    void withConnectAndNoServerNameTheHostIsTheNameChecked() throws Exception {
        Subprocess client = tls13Client("--ca-file", "certs/root_ca_certificate.pem", "--message", "never sent");

        assertOneLineFailure(client, "minitls: certificate rejected: ").contains("127.0.0.1");
        assertThat(client.stdout()).isEmpty();
    }

    @Test
    void aCaFileThatIsMissingOrNoCertificateIsAOneLineError() throws Exception {
        Subprocess missing = tls13Client("--server-name", "example-server", "--ca-file", "no-such-root.pem",
                "--message", "never sent");
        assertOneLineFailure(missing, "minitls: no-such-root.pem does not exist");

        Subprocess key = tls13Client("--server-name", "example-server", "--ca-file",
                "private_certs/server-key.pem", "--message", "never sent");
        assertOneLineFailure(key, "minitls: private_certs/server-key.pem: ");
    }

    @Test
    void clientRejectsACertificateForAnotherNameInOneLine() throws Exception {
        Subprocess client = client("--server-name", "other-server", "--message", "never sent");

        assertOneLineFailure(client, "minitls: certificate rejected:").contains("other-server");
        assertThat(client.stdout()).isEmpty();
    }

    @Test
    void clientChecksTheNameOfTheHostItConnectsToUnlessServerNameNamesAnother() throws Exception {
        Subprocess client = clientOf127001("--message", "never sent to 127.0.0.1");

        assertOneLineFailure(client, "minitls: certificate rejected: issued to \"DNS:example-server\", not to 127.0.0.1");
        assertThat(client.stdout()).isEmpty();
    }

    @Test
    void clientReportsAClosedPortInOneLine() throws Exception {
        // bound but not listening: the port stays ours, so nothing else can start listening on it meanwhile
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int closedPort = holder.getLocalPort();

            Subprocess client = Subprocess.minitls(serverDir, "client", "--host", "127.0.0.1",
                    "--port", Integer.toString(closedPort), "--message", "nobody listens");

            assertOneLineFailure(client, "minitls: connection failed: cannot connect to 127.0.0.1:" + closedPort);
        }
    }

    @Test
    void clientGivesUpAtItsHandshakeTimeoutOnAServerThatSendsEachFrameSlowlyInOneLine() throws Exception {
        // each of the server's four frames after a pause of 1 s: no frame is late, the handshake is
        try (SlowServer slow = SlowServer.start(new PkiFiles(serverDir), Duration.ofSeconds(1))) {
            Subprocess client = Subprocess.minitls(serverDir, "client", "--host", "127.0.0.1",
                    "--port", Integer.toString(slow.port()), "--handshake-timeout", "2", "--message", "never sent");

            assertOneLineFailure(client, "minitls: timed out: no complete handshake within 2 s");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void aUsageErrorIsOneLineSayingWhatIsWrongAndWhereTheHelpIs(List<String> args, String expected)
            throws Exception {
        Subprocess run = Subprocess.minitls(serverDir, args.toArray(String[]::new));

        assertThat(run.awaitExit()).as(run.printed()).isEqualTo(2);
        assertThat(run.stderr()).containsExactly(expected);
        assertThat(run.stdout()).isEmpty();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                arguments(List.of("client", "--port", "70000"), "minitls: Invalid value for option '--port': expected"
                        + " a port from 0 to 65535, got '70000' (see 'minitls client --help')"),
                arguments(List.of("server", "--port", "7\n0"), "minitls: Invalid value for option '--port': expected"
                        + " a port from 0 to 65535, got '7\\u000a0' (see 'minitls server --help')"),
                arguments(List.of("demo", "--provider", "foo"), "minitls: Invalid value for option '--provider':"
                        + " expected one of [bc, jca, fast] (case-sensitive) but was 'foo'"
                        + " (see 'minitls demo --help')"),
                arguments(List.of("bench", "--mode", "foo"), "minitls: Invalid value for option '--mode': expected"
                        + " one of [handshakes, bulk, echo, sessions] (case-sensitive) but was 'foo'"
                        + " (see 'minitls bench --help')"),
                arguments(List.of("server", "--idle-timeout", "-1"), "minitls: Invalid value for option"
                        + " '--idle-timeout': expected seconds from 0.001 to 3600, got '-1'"
                        + " (see 'minitls server --help')"),
                arguments(List.of("speed", "--seconds", "abc"), "minitls: Invalid value for option '--seconds':"
                        + " expected seconds from 0.001 to 3600, got 'abc' (see 'minitls speed --help')"),
                arguments(List.of("bench", "--warmup", "-1"), "minitls: Invalid value for option '--warmup':"
                        + " expected seconds from 0 to 3600, got '-1' (see 'minitls bench --help')"),
                arguments(List.of("inspect", "--colour", "x.pem"),
                        "minitls: Unknown option: '--colour' (see 'minitls inspect --help')"),
                arguments(List.of("client", "--connect", "host"), "minitls: Invalid value for option '--connect':"
                        + " expected HOST:PORT with a port from 1 to 65535, got 'host' (see 'minitls client --help')"),
                arguments(List.of("client", "--connect", "host:99999"), "minitls: Invalid value for option"
                        + " '--connect': expected HOST:PORT with a port from 1 to 65535, got 'host:99999'"
                        + " (see 'minitls client --help')"),
                arguments(List.of("client", "--connect", ":1"), "minitls: Invalid value for option '--connect':"
                        + " expected HOST:PORT with a port from 1 to 65535, got ':1' (see 'minitls client --help')"),
                arguments(List.of("client", "--connect", "localhost:9914", "--port", "9915"), "minitls: --connect"
                        + " names the host and the port: give it or --host and --port, not both"
                        + " (see 'minitls client --help')"),
                arguments(List.of("client", "--protocol", "tls13", "--key-update-every", "0"), "minitls: Invalid"
                        + " value for option '--key-update-every': expected a number of records from 1, got '0'"
                        + " (see 'minitls client --help')"),
                arguments(List.of("client", "--protocol", "tls13", "--key-update-every", "-1"), "minitls: Invalid"
                        + " value for option '--key-update-every': expected a number of records from 1, got '-1'"
                        + " (see 'minitls client --help')"),
                arguments(List.of("client", "--protocol", "v1", "--key-update-every", "3"), "minitls:"
                        + " --key-update-every needs --protocol tls13: protocol v1 has no KeyUpdate, its keys never"
                        + " change (see 'minitls client --help')"),
                arguments(List.of("frobnicate"),
                        "minitls: Unmatched argument at index 0: 'frobnicate' (see 'minitls --help')"),
                arguments(List.of(), "minitls: a command is required (see 'minitls --help')"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"server, certs/server_certificate.pem", "client, certs/root_ca_certificate.pem"})
    void aMissingPkiFileSaysHowToMakeIt(String command, String file) throws Exception {
        Subprocess run = Subprocess.minitls(dir, command, "--port", "0");

        assertOneLineFailure(run, "minitls: " + Path.of(".", file) + " does not exist (make it with: minitls certs)");
    }

    @Test
    void aServerStoppedWithASessionOpenSaysSoInsteadOfBlamingTheClient() throws Exception {
        Subprocess stopped = Subprocess.minitls(serverDir, "server", "--host", "127.0.0.1", "--port", "0");
        int stoppedPort = Integer.parseInt(stopped.awaitStdout(LISTENING).group(1));
        MinitlsClient client = MinitlsClient.builder()
                .trustAnchor(new PkiFiles(serverDir).rootCertificate()).serverName("example-server").build();
        try (SecureConnection connection = client.connect("127.0.0.1", stoppedPort)) {
            connection.send("open while the server stops".getBytes(StandardCharsets.UTF_8));
            String peer = stopped.awaitStdout(received("open while the server stops")).group(1);

            stopped.terminate();
            stopped.awaitExit();

            assertThat(stopped.stderr()).containsExactly("[" + peer + "] closed: the server is shutting down");
        }
    }

    @Test
    void serverReportsAGarbageClientInOneLineAndKeepsServing() throws Exception {
        String garbagePeer;
        try (RawClient garbage = RawClient.connect(port)) {
            garbagePeer = garbage.address();
            garbage.send("garbage\n");
            assertThat(garbage.readLine()).as("the server closes without answering").isEmpty();
        }
        server.awaitStderr(Pattern.compile(Pattern.quote("[" + garbagePeer + "] malformed message: ") + ".*"));
        assertThat(server.stderr()).filteredOn(line -> line.contains(garbagePeer)).hasSize(1);

        Subprocess client = client("--message", "after the garbage");

        assertThat(client.awaitExit()).as(client.printed()).isZero();
        server.awaitStdout(received("after the garbage"));
    }

    @Test
    void serverLogsASuiteHoldingAnEscapeSequenceAndANewlineAsOneEscapedLine() throws Exception {
        String hostilePeer;
        try (RawClient hostile = RawClient.connect(port)) {
            hostilePeer = hostile.address();
            hostile.send(new JsonLinesV2Codec().encode(new ClientHello(new byte[32], 2, new byte[32],
                    "\u001b[2J\n[127.0.0.1:1] forged\u202e", "example-server")));
            hostile.readLine();
        }
        server.awaitStderr(Pattern.compile(Pattern.quote("[" + hostilePeer + "] ") + ".*"));

        assertThat(server.stderr()).filteredOn(line -> line.contains(hostilePeer)).containsExactly("[" + hostilePeer
                + "] unsupported suite: peer offers suite \"\\u001b[2J\\u000a[127.0.0.1:1] forged\\u202e\","
                + " expected \"X25519_AES256GCM_SHA256\"");
        assertThat(server.stderr()).noneMatch(line -> line.contains("\u001b") || line.startsWith("[127.0.0.1:1]"));
    }

    @Test
    void demoShowsEveryStepAndTheEchoedMessagesWithoutSecrets() throws Exception {
        List<String> out = demo("minitls demo, protocol v2, crypto provider fast", "demo", "--keylog", "keys.log");

        for (String message : DemoCommand.MESSAGES) {
            assertThat(out).contains("15 client decrypted the echo: " + message);
        }
        List<String> secrets = Files.readAllLines(dir.resolve("keys.log")).stream()
                .map(line -> line.split(" ")[2]).toList();
        assertThat(secrets).as("the session's secrets, from the key log").hasSize(4);
        for (String secret : secrets) {
            assertThat(out).as("not even the first 4 bytes of a secret").noneMatch(
                    line -> line.contains(secret.substring(0, 8)));
        }
    }

    @Test
    void demoRunsTheOriginalProtocolWithTheJdkProvider() throws Exception {
        List<String> out = demo("minitls demo, protocol v1, crypto provider jca",
                "demo", "--provider", "jca", "--protocol", "v1");

        assertThat(out).noneMatch(line -> line.contains("echo"));
    }

    /**
     * Runs the demo; checks that it succeeds, starts with {@code banner}, shows steps 1 to 15 and the server
     * decrypting every message, shows the shared secret only as {@code [secret]}, and prints no hex value long
     * enough to be a secret (it shortens every value to 4 bytes). Returns its standard output.
     */
    private List<String> demo(String banner, String... args) throws Exception {
        Subprocess demo = Subprocess.minitls(dir, args);

        assertThat(demo.awaitExit()).as(demo.printed()).isZero();
        List<String> out = demo.stdout();
        assertThat(out).first().isEqualTo(banner);
        IntStream.rangeClosed(1, 15).forEach(step -> assertThat(out).as("step " + step)
                .anyMatch(line -> line.startsWith(String.format("%2d ", step))));
        for (String message : DemoCommand.MESSAGES) {
            assertThat(out).anyMatch(line -> line.matches(
                    "15 server decrypted from 127\\.0\\.0\\.1:\\d+: " + Pattern.quote(message)));
        }
        assertThat(out).last().asString()
                .startsWith("done: handshake complete, " + DemoCommand.MESSAGES.size() + " messages");
        assertThat(out).filteredOn(line -> line.startsWith(" 8 ")).hasSize(2)
                .allMatch(line -> line.endsWith("(shared secret=[secret])"));
        assertThat(Stream.concat(out.stream(), demo.stderr().stream()))
                .as("no value longer than a 4-byte prefix, so no secret")
                .noneMatch(line -> SECRET_SIZED_HEX.matcher(line).find());
        return out;
    }

    /** Exit status 1 and one line on stderr, no stack trace: what every failure a user can act on looks like. */
    private static AbstractStringAssert<?> assertOneLineFailure(Subprocess command, String start)
            throws InterruptedException {
        assertThat(command.awaitExit()).as(command.printed()).isEqualTo(1);
        return assertThat(command.stderr()).singleElement().asString().startsWith(start).doesNotContain("Exception");
    }

    /** A client of the shared server, which it reaches as 127.0.0.1 and expects to be example-server. */
    private static Subprocess client(String... args) throws IOException {
        Stream<String> name = List.of(args).contains("--server-name") ? Stream.of()
                : Stream.of("--server-name", "example-server");
        return clientOf127001(Stream.concat(name, Stream.of(args)).toArray(String[]::new));
    }

    /** A tls13 client of the shared server, reaching it with {@code --connect 127.0.0.1:PORT}. */
    private static Subprocess tls13Client(String... args) throws IOException {
        List<String> command = Stream.concat(Stream.of("client", "--protocol", "tls13", "--connect",
                "127.0.0.1:" + port), Stream.of(args)).toList();
        return Subprocess.minitls(serverDir, command.toArray(String[]::new));
    }

    /** A client of the shared server, connecting to {@code --host 127.0.0.1}. */
    private static Subprocess clientOf127001(String... args) throws IOException {
        List<String> command = Stream.concat(
                Stream.of("client", "--dir", ".", "--host", "127.0.0.1", "--port", Integer.toString(port)),
                Stream.of(args)).toList();
        return Subprocess.minitls(serverDir, command.toArray(String[]::new));
    }

    /** The server's line for {@code message}; group 1 is the client's address. */
    private static Pattern received(String message) {
        return Pattern.compile("\\[(127\\.0\\.0\\.1:\\d+)\\] " + Pattern.quote(message));
    }

    private static Map<String, String> contents(Path pki) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        for (String file : LAYOUT) {
            contents.put(file, Files.readString(pki.resolve(file), StandardCharsets.US_ASCII));
        }
        return contents;
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, program))
                .anyMatch(Files::isExecutable);
    }
}
