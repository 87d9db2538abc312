package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.support.Subprocess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --groups}, {@code --suites} (server, client, demo) and the demo's {@code --key-type} and
 * {@code --intermediate}: what each chooses shows in the handshake, and what makes no sense is a usage error.
 */
class GroupsAndKeyTypesCommandTest {

    @TempDir
    Path dir;

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("client", "--protocol", "tls13", "--groups", "x25519,x448"),
                        "Invalid value for option '--groups' (GROUP): expected one of x25519, secp256r1, got 'x448'"),
                Arguments.of(List.of("server", "--suites", "TLS_AES_128_CCM_SHA256"),
                        "Invalid value for option '--suites' (SUITE): expected one of TLS_AES_128_GCM_SHA256,"
                                + " TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, got"
                                + " 'TLS_AES_128_CCM_SHA256'"),
                Arguments.of(List.of("client", "--groups", "secp256r1"),
                        "--groups needs tls13: protocol v2 always uses x25519 and AES-256-GCM"),
                Arguments.of(List.of("client", "--protocol", "v1", "--suites", "TLS_AES_256_GCM_SHA384"),
                        "--suites needs tls13: protocol v1 always uses x25519 and AES-256-GCM"),
                Arguments.of(List.of("server", "--protocols", "v1,v2", "--groups", "secp256r1"),
                        "--groups needs tls13: this server serves v1, v2 only, which always use x25519 and"
                                + " AES-256-GCM"),
                Arguments.of(List.of("demo", "--groups", "x25519"),
                        "--groups needs tls13: protocol v2 always uses x25519 and AES-256-GCM"),
                Arguments.of(List.of("demo", "--protocol", "tls13", "--groups", "x25519,x25519"),
                        "a group named twice in [x25519, x25519]"),
                Arguments.of(List.of("demo", "--key-type", "ecdsa-p256"),
                        "--key-type ecdsa-p256 needs --protocol tls13: protocol v2 signs with Ed25519 and sends one"
                                + " certificate"),
                Arguments.of(List.of("demo", "--protocol", "v1", "--intermediate"),
                        "--intermediate needs --protocol tls13: protocol v1 signs with Ed25519 and sends one"
                                + " certificate"));
    }

    /** Refused before anything is read, written or connected to: in this JVM. */
    @ParameterizedTest
    @MethodSource("usageErrors")
    void whatMakesNoSenseIsAUsageError(List<String> args, String expected) {
        StringWriter stderr = new StringWriter();
        var commandLine = MinitlsCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(stderr, true));

        int status = commandLine.execute(args.toArray(String[]::new));

        assertThat(status).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("minitls: " + expected + " (see 'minitls " + args.get(0)
                + " --help')");
    }

    static Stream<Arguments> demos() {
        return Stream.of(
                Arguments.of(List.of(), "ed25519 keys", "TLS_AES_128_GCM_SHA256, x25519"),
                Arguments.of(List.of("--key-type", "ecdsa-p256", "--intermediate", "--groups", "secp256r1",
                        "--suites", "TLS_AES_256_GCM_SHA384"), "ecdsa-p256 keys under an intermediate CA",
                        "TLS_AES_256_GCM_SHA384, secp256r1"),
                Arguments.of(List.of("--key-type", "rsa-2048", "--groups", "secp256r1,x25519", "--suites",
                        "TLS_CHACHA20_POLY1305_SHA256,TLS_AES_128_GCM_SHA256"), "rsa-2048 keys",
                        "TLS_CHACHA20_POLY1305_SHA256, secp256r1"));
    }

    @ParameterizedTest
    @MethodSource("demos")
    void theTls13DemoRunsWithEachKeyTypeGroupAndSuite(List<String> options, String keys, String negotiated)
            throws Exception {
        List<String> args = Stream.concat(Stream.of("demo", "--protocol", "tls13"), options.stream()).toList();
        try (Subprocess demo = Subprocess.minitls(dir, args.toArray(String[]::new))) {
            assertThat(demo.awaitExit()).as(demo.printed()).isZero();
            assertThat(demo.stdout()).first()
                    .isEqualTo("minitls demo, protocol tls13, crypto provider fast, " + keys);
            for (String side : List.of(" 7 server sent", " 7 client received")) {
                assertThat(demo.stdout()).as(side).anyMatch(line -> line.startsWith(side
                        + " ServerHello (TLS 1.3): " + negotiated + " ("));
            }
            assertThat(demo.stdout()).last().asString().startsWith("done: handshake complete, 3 messages decrypted"
                    + " by the server and echoed back to the client");
        }
    }

    /**
     * {@code minitls server} serves a certificate file that holds a chain ({@code certs --intermediate}), here with
     * an ECDSA key, taking only the group its {@code --groups} names: a client offering only the other is refused.
     */
    @Test
    void theServerServesAChainInTheGroupsItTakes() throws Exception {
        try (Subprocess certs = Subprocess.minitls(dir, "certs", "--dir", ".", "--key-type", "ecdsa-p256",
                "--intermediate", "--server-name", "localhost")) {
            assertThat(certs.awaitExit()).as(certs.printed()).isZero();
        }
        try (Subprocess server = Subprocess.minitls(dir, "server", "--host", "127.0.0.1", "--port", "0", "--echo",
                "--protocols", "tls13", "--groups", "secp256r1", "--suites", "TLS_AES_256_GCM_SHA384")) {
            String port = server.awaitStdout(Pattern.compile("minitls server listening on 127\\.0\\.0\\.1:(\\d+)"
                    + " \\(protocols tls13, provider fast, echo\\); Ctrl-C stops it")).group(1);

            try (Subprocess client = client(port, "secp256r1,x25519")) {
                assertThat(client.awaitExit()).as(client.printed()).isZero();
                assertThat(client.stdout()).containsExactly("over a chain");
            }
            try (Subprocess client = client(port, "x25519")) {
                assertThat(client.awaitExit()).as(client.printed()).isEqualTo(1);
                assertThat(client.stderr()).singleElement().asString().startsWith("minitls: ")
                        .contains("handshake_failure");
            }
        }
    }

    private Subprocess client(String port, String groups) throws Exception {
        return Subprocess.minitls(dir, "client", "--protocol", "tls13", "--connect", "127.0.0.1:" + port,
                "--server-name", "localhost", "--ca-file", "certs/root_ca_certificate.pem", "--groups", groups,
                "--message", "over a chain");
    }
}
