package dev.minitls.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builders' {@code groups(...)} and {@code suites(...)}: TLS 1.3 only, and what they choose is what is used. */
class MinitlsApiGroupsTest {

    @TempDir
    Path dir;

    private PkiFiles pki;

    @BeforeEach
    void certificates() {
        pki = new PkiFiles(dir);
        PkiWriter.write(pki, PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
    }

    @Test
    void theServersPreferredGroupAndTheClientsOnlySuiteAreUsed() throws Exception {
        List<TraceEvent> clientEvents = new CopyOnWriteArrayList<>();
        MinitlsServer server = server().groups(NamedGroup.SECP256R1, NamedGroup.X25519).build();
        try (MinitlsServer.Listening listening = server.listen("127.0.0.1", 0, MinitlsApiGroupsTest::echo)) {
            MinitlsClient client = client().groups(NamedGroup.SECP256R1).suites(CipherSuite.TLS_AES_256_GCM_SHA384)
                    .observer(clientEvents::add).build();
            try (SecureConnection connection = client.connect("127.0.0.1", listening.port())) {
                connection.send("over P-256".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(connection.receive().orElseThrow(), StandardCharsets.UTF_8))
                        .isEqualTo("over P-256");
            }
        }
        assertThat(clientEvents).map(TraceEvent::event).anySatisfy(event -> assertThat(event)
                .isInstanceOfSatisfying(Event.SharedSecretAgreed.class,
                        agreed -> assertThat(agreed.group()).isEqualTo(KeyExchangeGroup.SECP256R1)));
    }

    @Test
    void aServerThatTakesNoGroupTheClientOffersIsAHandshakeFailure() throws Exception {
        try (MinitlsServer.Listening listening = server().groups(NamedGroup.X25519).build()
                .listen("127.0.0.1", 0, MinitlsApiGroupsTest::echo)) {
            MinitlsClient client = client().groups(NamedGroup.SECP256R1).build();
            assertThatThrownBy(() -> client.connect("127.0.0.1", listening.port()))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.ALERT_RECEIVED);
                        assertThat(e.peerAlert()).contains(Alert.HANDSHAKE_FAILURE);
                    });
        }
    }

    @Test
    void groupsAndSuitesAreRefusedWithoutTls13AndWhenNamedTwice() {
        assertThatThrownBy(() -> MinitlsClient.builder().trustAnchor(pki.rootCertificate())
                .groups(NamedGroup.SECP256R1).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TLS 1.3's");
        assertThatThrownBy(() -> server().protocols(ProtocolVersion.V2).suites(CipherSuite.TLS_AES_128_GCM_SHA256)
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("TLS 1.3's");
        assertThatThrownBy(() -> client().groups(NamedGroup.X25519, NamedGroup.X25519))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a group named twice in [x25519, x25519]");
        assertThatThrownBy(() -> client().groups(new NamedGroup(0x0018)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minitls does not implement the group secp384r1");
    }

    private static void echo(SecureConnection connection) {
        for (Optional<byte[]> m = connection.receive(); m.isPresent(); m = connection.receive()) {
            connection.send(m.get());
        }
    }

    private MinitlsServer.Builder server() {
        return MinitlsServer.builder().certificate(pki.serverCertificate()).privateKey(pki.serverPrivateKey());
    }

    private MinitlsClient.Builder client() {
        return MinitlsClient.builder().trustAnchor(pki.rootCertificate()).serverName("example-server")
                .protocol(ProtocolVersion.TLS13);
    }
}
