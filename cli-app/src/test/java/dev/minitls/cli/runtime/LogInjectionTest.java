package dev.minitls.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.support.HostileCertificates;
import dev.minitls.cli.support.LiveServer;
import dev.minitls.cli.support.Providers;
import dev.minitls.cli.support.RawClient;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.cli.support.TraceRecorder;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.trace.HandshakeObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log and terminal injection, tried against the real server and client over loopback: a peer's suite, server name,
 * message type, alert name and certificate names hold an escape sequence that would clear the terminal, a newline
 * that would forge a log line, a line separator and a bidi override. What each side reports (the server's log line,
 * the client's error, either trace) holds them quoted and escaped, on one line; the server serves the next client.
 */
class LogInjectionTest {

    private static final String HOSTILE = "\u001b[2J\r\n[127.0.0.1:1] forged\u2028\u202e";
    private static final String ESCAPED = "\\u001b[2J\\u000d\\u000a[127.0.0.1:1] forged\\u2028\\u202e";
    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private LiveServer server;
    private ServerApp hostileServer;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (hostileServer != null) {
            hostileServer.close();
        }
    }

    @Test
    void aSuiteHoldingAnEscapeSequenceAndANewlineIsOneEscapedLineInTheServersLog() throws Exception {
        start();
        for (ProtocolVersion protocol : ProtocolVersion.jsonLinesProtocols()) {
            MessageCodec codec = protocol == ProtocolVersion.V2 ? LiveServer.FORMATS.v2() : LiveServer.FORMATS.v1();
            String reason = refusedFirstFrame(codec.encode(clientHello(protocol, HOSTILE, LiveServer.SERVER_NAME)));

            assertThat(reason).as("%s", protocol).startsWith("unsupported suite: peer offers suite \"" + ESCAPED
                    + "\", expected ");
        }
        server.assertServesGoodClients();
    }

    @Test
    void aServerNameHoldingAnEscapeSequenceIsQuotedAndEscapedInTheServersTrace() throws Exception {
        start();
        byte[] hello = LiveServer.FORMATS.v2().encode(clientHello(ProtocolVersion.V2, SUITE, "name" + HOSTILE));
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(hello);
            assertThat(client.readLine()).as("the ServerHello").isPresent();
            client.close();
            server.events().awaitClosed(client.address());
            List<String> told = server.trace().descriptionsFor(client.address());

            assertThat(told).contains("received ClientHello (v2) for \"name" + ESCAPED + "\"");
            assertSafe(told);
        }
        server.assertServesGoodClients();
    }

    @Test
    void aV2MessageTypeHoldingAnEscapeSequenceIsOneEscapedLineInTheServersLog() throws Exception {
        start();
        String frame = "{\"type\": \"" + json(HOSTILE) + "\"}\n";

        assertThat(refusedFirstFrame(frame.getBytes(StandardCharsets.UTF_8)))
                .contains("unknown type \"" + ESCAPED + "\"");
        server.assertServesGoodClients();
    }

    @Test
    void anAlertNameHoldingAnEscapeSequenceIsOneEscapedLineInTheServersLog() throws Exception {
        start();
        byte[] alert = alertFrame();

        assertThat(refusedFirstFrame(alert)).contains("unknown alert \"close_notify" + ESCAPED + "\"");
        server.assertServesGoodClients();
    }

    @Test
    void anAlertNameHoldingAnEscapeSequenceIsOneEscapedLineInTheClientsError() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> answerWithHostileAlert(fake));
            TraceRecorder trace = new TraceRecorder();

            assertThatThrownBy(() -> ClientApp.connect("127.0.0.1", fake.getLocalPort(),
                    clientConfig(trace), LiveServer.FORMATS))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.MALFORMED_MESSAGE);
                        assertThat(e.getMessage()).contains("unknown alert \"close_notify" + ESCAPED + "\"");
                        assertSafe(List.of(e.getMessage()));
                    });
            answer.get(LONG.toSeconds(), TimeUnit.SECONDS);
            assertSafe(trace.descriptionsFor("127.0.0.1:" + fake.getLocalPort()));
        }
    }

    @Test
    void certificateNamesHoldingControlCharactersAreOneEscapedLineInTheClientsErrorAndTrace() throws Exception {
        PkiWriter.write(new PkiFiles(dir), PkiIssuer.issue(LiveServer.SERVER_NAME, 1, Clock.systemUTC()), false);
        CryptoProvider crypto = Providers.of(CryptoChoice.bc);
        SigningKey key = crypto.ed25519SigningKey(new byte[32]);
        byte[] certificate = HostileCertificates.certificate("CN=issuer" + HOSTILE, "CN=subject" + HOSTILE, key.publicKey());
        hostileServer = ServerApp.start("127.0.0.1", 0, new ServerConfig(crypto, new SecureRandomSource(),
                certificate, key, HandshakeObserver.NONE), LiveServer.FORMATS, true,
                ServerApp.ServerEvents.printingTo(System.out, System.err));
        TraceRecorder trace = new TraceRecorder();

        for (ProtocolVersion protocol : ProtocolVersion.jsonLinesProtocols()) {
            assertThatThrownBy(() -> ClientApp.connect("127.0.0.1", hostileServer.port(),
                    clientConfig(protocol, trace), LiveServer.FORMATS))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.UNKNOWN_CA);
                        assertThat(e.getMessage()).startsWith("certificate rejected: issued by \"CN=issuer")
                                .contains(ESCAPED.substring(ESCAPED.indexOf("[127")));
                        assertSafe(List.of(e.getMessage()));
                    });
        }
        List<String> told = trace.descriptionsFor("127.0.0.1:" + hostileServer.port());
        assertThat(told).anyMatch(line -> line.startsWith("received the server certificate of \"CN=subject"));
        assertSafe(told);
    }

    private static final String SUITE = "X25519_AES256GCM_SHA256";

    private void start() {
        server = LiveServer.start(dir, new ServerLimits(8, 8, 8, 8, LONG, LONG));
    }

    /** Sends {@code frame} first; returns the one line the server logged for this client, checked safe. */
    private String refusedFirstFrame(byte[] frame) throws IOException, InterruptedException {
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(frame);
            client.readLine();
            server.events().awaitClosed(client.address());
            List<String> reasons = server.events().failuresOf(client.address());
            assertThat(reasons).hasSize(1);
            assertSafe(reasons);
            assertSafe(server.trace().descriptionsFor(client.address()));
            return reasons.get(0);
        }
    }

    /** No line holds a character that could act on a terminal or end the line. */
    private static void assertSafe(List<String> lines) {
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContainPattern("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Co}\\p{Cn}]")
                .doesNotContain("\u001b", "\n", "\r", "\u2028", "\u202e"));
    }

    private static ClientHello clientHello(ProtocolVersion protocol, String suite, String serverName) {
        SecureRandomSource random = new SecureRandomSource();
        return new ClientHello(random.nextBytes(32), protocol == ProtocolVersion.V1 ? 1 : 2,
                Providers.of(CryptoChoice.bc).x25519PublicKey(random.nextBytes(32)), suite, serverName);
    }

    /** A v2 alert whose name is close_notify followed by {@link #HOSTILE}, as JSON escapes it. */
    private static byte[] alertFrame() {
        String frame = new String(LiveServer.FORMATS.v2().encode(new AlertMessage(Alert.CLOSE_NOTIFY)),
                StandardCharsets.UTF_8);
        return frame.replace("close_notify", "close_notify" + json(HOSTILE)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code text} as the inside of a JSON string. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return out.toString();
    }

    /** Reads the ClientHello of one client and answers it with the hostile alert. */
    private static void answerWithHostileAlert(ServerSocket fake) {
        try (Socket socket = fake.accept()) {
            socket.setSoTimeout((int) Subprocess.PATIENCE.toMillis());
            while (socket.getInputStream().read() != '\n') {
                // the ClientHello, up to its newline
            }
            OutputStream out = socket.getOutputStream();
            out.write(alertFrame());
            out.flush();
            socket.getInputStream().read();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private dev.minitls.domain.handshake.ClientConfig clientConfig(TraceRecorder trace) {
        PkiWriter.write(new PkiFiles(dir), PkiIssuer.issue(LiveServer.SERVER_NAME, 1, Clock.systemUTC()), false);
        return clientConfig(ProtocolVersion.V2, trace);
    }

    private dev.minitls.domain.handshake.ClientConfig clientConfig(ProtocolVersion protocol, TraceRecorder trace) {
        Endpoints endpoints = new Endpoints(Providers.of(CryptoChoice.bc), new SecureRandomSource(),
                Clock.systemUTC(), LiveServer.FORMATS);
        return endpoints.clientConfig(new PkiFiles(dir), LiveServer.SERVER_NAME, protocol, trace);
    }
}
