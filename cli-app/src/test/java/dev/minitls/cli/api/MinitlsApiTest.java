package dev.minitls.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.support.ManyNames;
import dev.minitls.cli.support.SlowServer;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.cli.trace.Narration;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API over real sockets: messages and streams both ways, both protocols, and every way it refuses. */
class MinitlsApiTest {

    @TempDir
    Path dir;

    private PkiFiles pki;

    @BeforeEach
    void certificates() {
        pki = new PkiFiles(dir);
        PkiWriter.write(pki, PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
    }

    @Test
    void streamsCutBytesIntoRecordsOfAtMost16KiBAndEndWithTheSession() throws Exception {
        List<TraceEvent> serverEvents = new CopyOnWriteArrayList<>();
        List<Integer> afterTheEnd = new CopyOnWriteArrayList<>();
        MinitlsServer server = server().observer(serverEvents::add).provider(CryptoChoice.jca).build();
        byte[] payload = new byte[40_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        try (MinitlsServer.Listening listening = server.listen("127.0.0.1", 0, connection -> {
            InputStream in = connection.getInputStream();
            byte[] received = in.readNBytes(payload.length);
            connection.send(("got " + received.length + " bytes, first " + received[0] + ", last "
                    + received[received.length - 1]).getBytes(StandardCharsets.UTF_8));
            afterTheEnd.add(in.read());
        })) {
            try (SecureConnection connection = client().build().connect("127.0.0.1", listening.port())) {
                assertThat(connection.protocol()).isEqualTo(ProtocolVersion.V2);
                OutputStream out = connection.getOutputStream();
                assertThat(connection.getOutputStream()).isSameAs(out);
                out.write(payload[0]);
                out.write(payload, 1, payload.length - 1);
                out.flush();
                InputStream in = connection.getInputStream();
                byte[] answer = new byte[100];
                int length = in.read(answer);
                assertThat(new String(answer, 0, length, StandardCharsets.UTF_8))
                        .isEqualTo("got 40000 bytes, first 0, last " + payload[payload.length - 1]);
                assertThat(in.available()).isZero();

                out.close();
                assertThatThrownBy(() -> out.write(payload)).isInstanceOf(IOException.class);
                assertThat(in.read()).as("the server's close_notify").isEqualTo(-1);
                assertThat(in.read(new byte[1], 0, 0)).isZero();
            }
        }

        assertThat(afterTheEnd).as("the server read the end of the session").containsExactly(-1);
        assertThat(serverEvents).filteredOn(event -> event.step() == Step.APPLICATION_DATA)
                .extracting(event -> Narration.of(event).description())
                .containsSubsequence("received 16384 bytes of application data",
                        "received 16384 bytes of application data", "received 7232 bytes of application data",
                        "received close_notify");
    }

    @Test
    void aTls13ClientIsServedInTls13AndBothSidesUpdateTheirKeys() throws Exception {
        List<String> served = new CopyOnWriteArrayList<>();
        try (MinitlsServer.Listening listening = server().build().listen("127.0.0.1", 0, connection -> {
            for (Optional<byte[]> m = connection.receive(); m.isPresent(); m = connection.receive()) {
                String text = new String(m.get(), StandardCharsets.UTF_8);
                served.add(connection.protocol() + " " + text);
                connection.send(text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
                connection.requestKeyUpdate();
            }
        })) {
            MinitlsClient client = client().protocol(ProtocolVersion.TLS13).build();
            assertThat(client.protocol()).isEqualTo(ProtocolVersion.TLS13);
            try (SecureConnection connection = client.connect("127.0.0.1", listening.port())) {
                assertThat(connection.protocol()).isEqualTo(ProtocolVersion.TLS13);
                connection.send("before any key update".getBytes(StandardCharsets.UTF_8));
                assertThat(connection.receive()).hasValue("BEFORE ANY KEY UPDATE".getBytes(StandardCharsets.UTF_8));
                connection.requestKeyUpdate();
                OutputStream out = connection.getOutputStream();
                out.write("after both key updates".getBytes(StandardCharsets.UTF_8));
                out.close();
                InputStream in = connection.getInputStream();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .as("the echo, then the server's close_notify").isEqualTo("AFTER BOTH KEY UPDATES");
                assertThatThrownBy(connection::requestKeyUpdate).isInstanceOf(IllegalStateException.class)
                        .hasMessage("this session is closed for sending");
            }
        }
        assertThat(served).containsExactly("tls13 before any key update", "tls13 after both key updates");
    }

    @Test
    void aKeyUpdateIsRefusedClearlyOutsideTls13() throws Exception {
        try (MinitlsServer.Listening listening = server().build().listen("127.0.0.1", 0, connection -> { })) {
            try (SecureConnection connection = client().build().connect("127.0.0.1", listening.port())) {
                assertThatThrownBy(connection::requestKeyUpdate).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessage("a KeyUpdate is TLS 1.3's: this connection speaks protocol v2, whose keys never"
                                + " change");
            }
        }
    }

    @Test
    void aTls13ClientOfAServerWithoutTls13IsRefusedAndTheHostNameIsCheckedByDefault() throws Exception {
        try (MinitlsServer.Listening listening = server().protocols(ProtocolVersion.V2).build()
                .listen("127.0.0.1", 0, connection -> { })) {
            MinitlsClient client = client().protocol(ProtocolVersion.TLS13).build();
            assertThatThrownBy(() -> client.connect("127.0.0.1", listening.port()))
                    .isInstanceOf(ProtocolException.class);
        }
        try (MinitlsServer.Listening listening = server().build().listen("127.0.0.1", 0, connection -> { })) {
            MinitlsClient byHost = MinitlsClient.builder().trustAnchor(pki.rootCertificate())
                    .protocol(ProtocolVersion.TLS13).build();
            assertThatThrownBy(() -> byHost.connect("127.0.0.1", listening.port()))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageStartingWith("certificate rejected: ").hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void aV1ClientIsServedInV1AndItsMessagesArriveWhole() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (MinitlsServer.Listening listening = server().build().listen("127.0.0.1", 0, connection -> {
            for (Optional<byte[]> m = connection.receive(); m.isPresent(); m = connection.receive()) {
                received.add(connection.protocol() + " " + new String(m.get(), StandardCharsets.UTF_8));
            }
            done.countDown();
        })) {
            MinitlsClient client = client().protocol(ProtocolVersion.V1).provider(CryptoChoice.jca).build();
            assertThat(client.protocol()).isEqualTo(ProtocolVersion.V1);
            try (SecureConnection connection = client.connect("127.0.0.1", listening.port())) {
                connection.send("first".getBytes(StandardCharsets.UTF_8));
                connection.send("second".getBytes(StandardCharsets.UTF_8));
                assertThat(connection.peer()).isEqualTo("127.0.0.1:" + listening.port());
            }
            assertThat(done.await(Subprocess.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the handler ended")
                    .isTrue();
        }

        assertThat(received).containsExactly("v1 first", "v1 second");
    }

    @Test
    void aServerWhoseCertificateTheClientDoesNotTrustIsRefused() throws Exception {
        PkiFiles other = new PkiFiles(dir.resolve("other"));
        PkiWriter.write(other, PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        try (MinitlsServer.Listening listening = server().build().listen("127.0.0.1", 0, connection -> { })) {
            MinitlsClient client = MinitlsClient.builder().trustAnchor(other.rootCertificate()).build();

            assertThatThrownBy(() -> client.connect("127.0.0.1", listening.port()))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageMatching("certificate rejected: issued by \"CN=minitls Root CA [0-9a-f]{16}\", not by"
                            + " the trusted root CA CN=minitls Root CA [0-9a-f]{16}")
                    .extracting(e -> ((ProtocolException) e).failure()).isEqualTo(Failure.UNKNOWN_CA);
            MinitlsClient wrongName = client().serverName("other-server").build();
            assertThatThrownBy(() -> wrongName.connect("127.0.0.1", listening.port()))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("not to other-server");
        }
    }

    @Test
    void theNameCheckedIsTheHostConnectedToUnlessServerNameSetsAnother() throws Exception {
        try (MinitlsServer.Listening listening = server().build().listen("127.0.0.1", 0, connection -> { })) {
            MinitlsClient byHost = MinitlsClient.builder().trustAnchor(pki.rootCertificate()).build();

            assertThatThrownBy(() -> byHost.connect("127.0.0.1", listening.port()))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.NAME_MISMATCH))
                    .hasMessage("certificate rejected: issued to \"DNS:example-server\", not to 127.0.0.1");
            try (SecureConnection named = client().build().connect("127.0.0.1", listening.port())) {
                assertThat(named.protocol()).isEqualTo(ProtocolVersion.V2);
            }
        }
    }

    @Test
    void aCertificateForTheHostConnectedToNeedsNoServerName() throws Exception {
        PkiFiles localhost = new PkiFiles(dir.resolve("localhost"));
        PkiWriter.write(localhost, PkiIssuer.issue("localhost", 1, Clock.systemUTC()), false);
        MinitlsServer server = MinitlsServer.builder().certificate(localhost.serverCertificate())
                .privateKey(localhost.serverPrivateKey()).build();
        try (MinitlsServer.Listening listening = server.listen("localhost", 0, connection -> { })) {
            MinitlsClient client = MinitlsClient.builder().trustAnchor(localhost.rootCertificate()).build();

            try (SecureConnection connection = client.connect("localhost", listening.port())) {
                assertThat(connection.protocol()).isEqualTo(ProtocolVersion.V2);
            }
            assertThatThrownBy(() -> client.connect("127.0.0.1", listening.port()))
                    .isInstanceOf(ProtocolException.class).hasMessageEndingWith("not to 127.0.0.1");
        }
    }

    @Test
    void aServerWithoutV1RefusesV1ClientsAndServesV2Ones() throws Exception {
        try (MinitlsServer.Listening listening = server().protocols(ProtocolVersion.V2).build()
                .listen("127.0.0.1", 0, connection -> connection.send(new byte[] {'v', '2'}))) {
            MinitlsClient v1 = client().protocol(ProtocolVersion.V1).build();
            assertThatThrownBy(() -> v1.connect("127.0.0.1", listening.port()))
                    .as("v1 has no alerts: the server closes")
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.PEER_CLOSED));
            try (SecureConnection v2 = client().build().connect("127.0.0.1", listening.port())) {
                assertThat(v2.receive()).hasValue(new byte[] {'v', '2'});
            }
        }
    }

    @Test
    void aServerWithoutV2RefusesV2ClientsWithAnAlert() {
        try (MinitlsServer.Listening listening = server().protocols(ProtocolVersion.V1).build()
                .listen("127.0.0.1", 0, connection -> { })) {
            assertThatThrownBy(() -> client().build().connect("127.0.0.1", listening.port()))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.ALERT_RECEIVED))
                    .hasMessageContaining("protocol_version");
        }
    }

    @Test
    void aHandlerThatFailsEndsItsOwnConnectionCleanlyAndTheServerGoesOn() throws Exception {
        try (MinitlsServer.Listening listening = server().build().listen("127.0.0.1", 0, connection -> {
            if (connection.receive().map(m -> m[0] == 'x').orElse(false)) {
                throw new IOException("the handler failed");
            }
            connection.send("fine".getBytes(StandardCharsets.UTF_8));
        })) {
            MinitlsClient client = client().build();
            try (SecureConnection failing = client.connect("127.0.0.1", listening.port())) {
                failing.send("x".getBytes(StandardCharsets.UTF_8));
                assertThat(failing.receive()).as("close_notify from the server").isEmpty();
            }
            try (SecureConnection fine = client.connect("127.0.0.1", listening.port())) {
                fine.send("y".getBytes(StandardCharsets.UTF_8));
                assertThat(fine.receive()).hasValue("fine".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aReadThatWaitsLongerThanTheReadTimeoutFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (MinitlsServer.Listening listening = server().build().listen("127.0.0.1", 0, connection -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            // the read timeout bounds each handshake frame too: long enough for those on a loaded machine
            MinitlsClient client = client().readTimeout(Duration.ofSeconds(3)).build();
            try (SecureConnection connection = client.connect("127.0.0.1", listening.port())) {
                assertThatThrownBy(connection::receive).isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT));
                assertThatThrownBy(() -> connection.getInputStream().read()).isInstanceOf(IOException.class);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void theClientsHandshakeTimeoutBoundsTheWholeHandshakeThoughEachFrameComesWithinTheReadTimeout()
            throws Exception {
        Duration deadline = Duration.ofSeconds(2);
        try (SlowServer slow = SlowServer.start(pki, deadline.dividedBy(2))) {
            MinitlsClient client = client().readTimeout(Subprocess.PATIENCE).handshakeTimeout(deadline).build();

            assertThatThrownBy(() -> client.connect("127.0.0.1", slow.port()))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT))
                    .hasMessage("timed out: no complete handshake within 2 s");
        }
    }

    @Test
    void aServerCertificateTooLargeForOneV2RecordIsRefusedWhenTheServerIsBuilt() {
        // 200 names: a PEM far over 8 KiB, whose hex in the Certificate message would not fit one 16 KiB record
        PkiWriter.write(pki, ManyNames.withNames(PkiIssuer.issue("example-server", 1, Clock.systemUTC()),
                "example-server", 200), true);

        assertThatThrownBy(() -> server().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(pki.serverCertificate()
                        + ": the certificate is too large for protocol v2: its ")
                .hasMessageMatching(".*-byte PEM makes a Certificate message of \\d+ bytes, over the 16384 bytes of one"
                        + " v2 record, and a v2 handshake message never spans records \\(a certificate with fewer names"
                        + " or extensions fits\\)");
    }

    @Test
    void buildersRefuseAnIncompleteOrWrongConfiguration() {
        assertThatThrownBy(() -> MinitlsClient.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("a trust anchor (the Root CA certificate) is required");
        assertThatThrownBy(() -> MinitlsClient.builder().trustAnchor(dir.resolve("absent.pem")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent.pem does not exist");
        assertThatThrownBy(() -> client().serverName(" ").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a server name is required");
        assertThatThrownBy(() -> client().readTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("readTimeout must not be negative, got PT-1S");
        assertThatThrownBy(() -> client().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().writeTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("writeTimeout must not be negative, got PT-1S");
        assertThatThrownBy(() -> client().handshakeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handshakeTimeout must be at least 1 ms, got PT0S");
        assertThatThrownBy(() -> MinitlsServer.builder().certificate(pki.serverCertificate()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a server needs its certificate and its private key");
        assertThatThrownBy(() -> MinitlsServer.builder().certificate(pki.serverCertificate())
                .privateKey(pki.rootPrivateKey()).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the server's private key does not belong to its certificate");
        assertThatThrownBy(() -> server().handshakeTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the handshake timeout must be at least 1 ms, got 0 ms");
        assertThatThrownBy(() -> server().maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server().maxConnectionsPerAddress(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the connection limit per address must be at least 1, got 0");
        assertThatThrownBy(() -> server().maxHandshakesPerAddress(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the handshake limit per address must be at least 1, got 0");
    }

    private MinitlsServer.Builder server() {
        return MinitlsServer.builder().certificate(pki.serverCertificate()).privateKey(pki.serverPrivateKey())
                .readTimeout(Duration.ofSeconds(10)).maxConnections(4);
    }

    private MinitlsClient.Builder client() {
        return MinitlsClient.builder().trustAnchor(pki.rootCertificate()).serverName("example-server");
    }
}
