package dev.minitls.cli.tls13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.support.Subprocess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minitls client --protocol tls13 --trace} against servers that are not minitls (the JDK's
 * {@code SSLServerSocket} in this JVM, {@code openssl s_server} when it is on the PATH): the trace shows the
 * server's flight field by field, decrypted with the client's own secrets, as completely as against minitls; and
 * {@code minitls server --trace} with the JDK's client: the client's messages likewise.
 */
class Tls13ForeignTraceTest {

    private static final ExecutorService PEERS = Executors.newCachedThreadPool();
    /** What the trace must show of the server's flight, each a dissected message or record. */
    private static final List<String> SERVER_FLIGHT = List.of("ServerHello (", "cipher_suite: 0x1301",
            "key_share (", "TLSCiphertext (", "nonce: write_iv XOR the sequence number", "TLSInnerPlaintext (",
            "EncryptedExtensions (", "Certificate (", "certificate_list (", "CertificateVerify (",
            "signature_scheme: 0x0807 ed25519", "Finished (", "verify_data");

    /** What the trace must show of the client's messages, each a dissected message or record. */
    private static final List<String> CLIENT_FLIGHT = List.of("ClientHello (", "cipher_suites (",
            "supported_versions (", "key_share (", "signature_algorithms (", "TLSCiphertext (", "TLSInnerPlaintext (",
            "Finished (", "verify_data");

    @TempDir
    Path dir;

    @BeforeEach
    void pki() throws Exception {
        Tls13Peers.writePki(dir);
    }

    @AfterAll
    static void stopPeers() {
        PEERS.shutdownNow();
    }

    @Test
    void theTraceOfAClientOfTheJdksServerShowsItsFlightFieldByField() throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(Tls13InteropTest.keyManagers(), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
            Future<String> server = PEERS.submit(() -> echoOnce(listener));

            List<String> trace = traceClientOf(listener.getLocalPort());

            assertThat(server.get(Subprocess.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("from minitls");
            assertThat(String.join("\n", trace)).contains(SERVER_FLIGHT);
        }
    }

    @Test
    void theTraceOfAClientOfOpensslsServerShowsItsFlightFieldByField() throws Exception {
        assumeTrue(Tls13Peers.opensslOnPath(), "skipped: openssl is not on the PATH");
        try (Subprocess openssl = Subprocess.start(dir, List.of("openssl", "s_server", "-tls1_3", "-accept",
                "127.0.0.1:0", "-naccept", "1", "-cert", "server.pem", "-key", "server-key.pem", "-ciphersuites",
                "TLS_AES_128_GCM_SHA256"))) {
            int port = Integer.parseInt(openssl.awaitStdout(Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)"))
                    .group(1));

            List<String> trace = traceClientOf(port);

            openssl.awaitStdout(Pattern.compile(".*from minitls.*"));
            assertThat(String.join("\n", trace)).contains(SERVER_FLIGHT).contains("NewSessionTicket (");
        }
    }

    @Test
    void theTraceOfTheServerOfTheJdksClientShowsItsHelloAndFinishedFieldByField() throws Exception {
        PkiWriter.write(new PkiFiles(dir.resolve("pki")), Tls13Peers.PKI, false);
        try (Subprocess server = Subprocess.minitls(dir, "server", "--dir", "pki", "--host", "127.0.0.1", "--port",
                "0", "--protocols", "tls13", "--echo", "--trace")) {
            int port = Integer.parseInt(server.awaitStdout(
                    Pattern.compile("minitls server listening on 127\\.0\\.0\\.1:(\\d+) .*")).group(1));
            try (SSLSocket client = Tls13InteropTest.jdkClient(port, "TLS_AES_128_GCM_SHA256")) {
                client.getOutputStream().write("from the jdk\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                byte[] echoed = new byte["from the jdk\n".length()];
                int read = 0;
                while (read < echoed.length) {
                    int n = client.getInputStream().read(echoed, read, echoed.length - read);
                    assertThat(n).as("the echo").isPositive();
                    read += n;
                }
            }
            server.awaitStdout(Pattern.compile(".*from the jdk.*"));

            assertThat(String.join("\n", server.stdout())).contains(CLIENT_FLIGHT);
        }
    }

    /** Runs a traced minitls client of the server on {@code port}: one message; returns the trace. */
    private List<String> traceClientOf(int port) throws Exception {
        try (Subprocess client = Subprocess.minitls(dir, "client", "--protocol", "tls13", "--connect",
                "127.0.0.1:" + port, "--server-name", Tls13Peers.SERVER_NAME, "--ca-file", "root.pem", "--trace",
                "--message", "from minitls")) {
            assertThat(client.awaitExit()).as(client.printed()).isZero();
            return client.stdout();
        }
    }

    /** Accepts one connection, echoes what its first read brings, and closes after the client's close_notify. */
    private static String echoOnce(SSLServerSocket listener) throws Exception {
        listener.setSoTimeout((int) Subprocess.PATIENCE.toMillis());
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout((int) Subprocess.PATIENCE.toMillis());
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int read = in.read(buffer);
            OutputStream out = socket.getOutputStream();
            out.write(buffer, 0, Math.max(read, 0));
            out.flush();
            while (in.read() != -1) {
                // Until the client's close_notify: the JDK closing first would send user_canceled.
            }
            return new String(Arrays.copyOf(buffer, Math.max(read, 0)), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
