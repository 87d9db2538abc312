package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.api.MinitlsClient;
import dev.minitls.cli.api.MinitlsServer;
import dev.minitls.cli.api.SecureConnection;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.keys.Tls13KeySchedule;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key log holds, for each session, the secrets a third party needs to read it, under the client random: the
 * test reads a v2 client record with nothing but the log line, as the README says anyone can.
 */
class KeyLogTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final CryptoProvider CRYPTO = new BcCryptoProvider();

    @TempDir
    Path dir;

    private PkiFiles pki;
    private Path file;

    @BeforeEach
    void certificates() {
        pki = new PkiFiles(dir);
        PkiWriter.write(pki, PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        file = dir.resolve("keys.log");
    }

    @Test
    void aV2SessionIsLoggedWithTheNssLabelsAndItsRecordsCanBeReadWithTheLogAlone() throws Exception {
        RecordedEvents trace = new RecordedEvents();
        try (KeyLog keyLog = KeyLog.open(file, Side.CLIENT)) {
            echo(ProtocolVersion.V2, keyLog.andThen(trace), "read me with the log");
        }

        String random = HEX.formatHex(trace.values("random").get(0));
        Map<String, String> logged = logged(random);
        assertThat(logged).containsOnlyKeys("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0");
        assertThat(logged.get("CLIENT_TRAFFIC_SECRET_0"))
                .isEqualTo(HEX.formatHex(trace.values("client_application_traffic_secret_0").get(0)));
        assertThat(logged.get("SERVER_HANDSHAKE_TRAFFIC_SECRET"))
                .isEqualTo(HEX.formatHex(trace.values("server_handshake_traffic_secret").get(0)));

        byte[] secret = HEX.parseHex(logged.get("CLIENT_TRAFFIC_SECRET_0"));
        Tls13KeySchedule schedule = new Tls13KeySchedule(CRYPTO, HashAlgorithm.SHA256);
        byte[] key = schedule.expandLabel(secret, "key", new byte[0], 32);
        byte[] iv = schedule.expandLabel(secret, "iv", new byte[0], 12);
        byte[] ciphertext = firstApplicationRecord(trace);
        byte[] aad = ByteBuffer.allocate(11).put((byte) 0x17).putLong(0).putShort((short) ciphertext.length).array();
        assertThat(new String(CRYPTO.aead(AeadAlgorithm.AES_256_GCM, key).open(iv, aad, ciphertext),
                StandardCharsets.UTF_8))
                .isEqualTo("read me with the log\u0017");
    }

    @Test
    void aV1SessionIsLoggedByItsDerivedKeyAndTheFileIsTheOwnersAloneAndAppendedTo() throws Exception {
        RecordedEvents first = new RecordedEvents();
        RecordedEvents second = new RecordedEvents();
        try (KeyLog keyLog = KeyLog.open(file, Side.CLIENT)) {
            echo(ProtocolVersion.V1, keyLog.andThen(first), "one");
        }
        try (KeyLog keyLog = KeyLog.open(file, Side.CLIENT)) {
            echo(ProtocolVersion.V1, keyLog.andThen(second), "two");
        }

        assertThat(Files.readAllLines(file)).containsExactly(
                "MINITLS_V1_DERIVED_KEY " + HEX.formatHex(first.values("random").get(0)) + " "
                        + HEX.formatHex(first.values("derived_key").get(0)),
                "MINITLS_V1_DERIVED_KEY " + HEX.formatHex(second.values("random").get(0)) + " "
                        + HEX.formatHex(second.values("derived_key").get(0)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void onlyTheChosenSideIsLoggedAndEachConnectionUnderItsOwnRandom() throws Exception {
        try (KeyLog keyLog = KeyLog.open(file, Side.SERVER)) {
            keyLog.onEvent(Events.clientHello(Side.CLIENT, "a", new byte[] {1}));
            keyLog.onEvent(Events.v1Keys(Side.CLIENT, "a", new byte[2]));
            keyLog.onEvent(Events.clientHello(Side.SERVER, "a", new byte[] {0x0a}));
            keyLog.onEvent(Events.clientHello(Side.SERVER, "b", new byte[] {0x0b}));
            keyLog.onEvent(Events.v1Keys(Side.SERVER, "b", new byte[] {(byte) 0xbb}));
            keyLog.onEvent(Events.v1Keys(Side.SERVER, "a", new byte[] {(byte) 0xaa}));
            keyLog.onEvent(Events.applicationKeys(Side.SERVER, "a"));
            keyLog.onEvent(Events.v1Keys(Side.SERVER, "a", new byte[] {(byte) 0xcc}));
            keyLog.onEvent(Events.v1Keys(Side.SERVER, "c", new byte[] {(byte) 0xdd}));
        }

        assertThat(Files.readAllLines(file)).as("no line without a ClientHello first")
                .containsExactly("MINITLS_V1_DERIVED_KEY 0b bb", "MINITLS_V1_DERIVED_KEY 0a aa");
    }

    @Test
    void aFailedHandshakeIsForgottenSoNothingMoreIsLoggedUnderItsRandom() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        AtomicReference<String> failedPeer = new AtomicReference<>();
        HandshakeObserver failures = event -> {
            if (event.event() instanceof Event.HandshakeFailed) {
                failedPeer.set(event.peer());
                failed.countDown();
            }
        };
        try (KeyLog keyLog = KeyLog.open(file, Side.SERVER)) {
            MinitlsServer server = MinitlsServer.builder().certificate(pki.serverCertificate())
                    .privateKey(pki.serverPrivateKey()).observer(keyLog.andThen(failures)).build();
            try (MinitlsServer.Listening listening = server.listen("127.0.0.1", 0, connection -> { })) {
                MinitlsClient client = MinitlsClient.builder().trustAnchor(pki.rootCertificate())
                        .serverName("another-server").build();
                assertThatThrownBy(() -> client.connect("127.0.0.1", listening.port()))
                        .hasMessageContaining("another-server");
                assertThat(failed.await(Subprocess.PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .as("the server's handshake failed").isTrue();
            }
            keyLog.onEvent(Events.v1Keys(Side.SERVER, failedPeer.get(), new byte[] {(byte) 0xee}));
        }

        assertThat(Files.readAllLines(file)).as("the handshake secrets before the failure, nothing after")
                .isNotEmpty().noneMatch(line -> line.endsWith(" ee"));
    }

    @Test
    void aKeyLogInAFolderThatDoesNotExistIsRefusedSayingSo() {
        Path missing = dir.resolve("absent/keys.log");

        assertThatThrownBy(() -> KeyLog.open(missing, Side.CLIENT)).isInstanceOf(UserError.class)
                .hasMessage("cannot open the key log " + missing + ": no such directory");
    }

    @Test
    void aKeyLogThatIsAFolderIsRefusedWithTheSystemsReason() {
        assertThatThrownBy(() -> KeyLog.open(dir, Side.CLIENT)).isInstanceOf(UserError.class)
                .hasMessage("cannot open the key log " + dir + ": Is a directory");
    }

    @Test
    void aKeyLogThatCannotBeWrittenIsAUserErrorNamingTheFile() {
        KeyLog keyLog = KeyLog.open(file, Side.CLIENT);
        keyLog.close();
        keyLog.onEvent(Events.clientHello(Side.CLIENT, "a", new byte[] {1}));

        assertThatThrownBy(() -> keyLog.onEvent(Events.v1Keys(Side.CLIENT, "a", new byte[] {2})))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("cannot write the key log " + file + ": ");
    }

    /** A v2 or v1 session through the Java API; the server echoes in v2. */
    private void echo(ProtocolVersion protocol, HandshakeObserver observer, String message)
            throws Exception {
        MinitlsServer server = MinitlsServer.builder().certificate(pki.serverCertificate())
                .privateKey(pki.serverPrivateKey()).build();
        try (MinitlsServer.Listening listening = server.listen("127.0.0.1", 0, connection -> {
            for (Optional<byte[]> m = connection.receive(); m.isPresent(); m = connection.receive()) {
                if (connection.protocol() == ProtocolVersion.V2) {
                    connection.send(m.get());
                }
            }
        })) {
            MinitlsClient client = MinitlsClient.builder().trustAnchor(pki.rootCertificate()).protocol(protocol)
                    .serverName("example-server").observer(observer).build();
            try (SecureConnection connection = client.connect("127.0.0.1", listening.port())) {
                connection.send(message.getBytes(StandardCharsets.UTF_8));
                if (protocol == ProtocolVersion.V2) {
                    assertThat(connection.receive()).hasValue(message.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** The log's lines for {@code random}, by label. */
    private Map<String, String> logged(String random) throws Exception {
        return Files.readAllLines(file).stream().map(line -> line.split(" "))
                .peek(parts -> assertThat(parts).hasSize(3))
                .peek(parts -> assertThat(parts[1]).isEqualTo(random))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[2]));
    }

    private static byte[] firstApplicationRecord(RecordedEvents trace) {
        List<Narration> sent = trace.events().stream().filter(e -> e.step() == Step.APPLICATION_DATA)
                .filter(e -> e.description().startsWith("sent ") && e.description().endsWith("application data"))
                .toList();
        TraceValue ciphertext = sent.get(0).values().stream().filter(v -> v.name().equals("record ciphertext"))
                .findFirst().orElseThrow();
        return ciphertext.value();
    }
}
