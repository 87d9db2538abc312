package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.clientConfig;
import static dev.minitls.domain.handshake.V2Handshakes.alertLine;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.FixedRandom;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A server serves only the protocols its configuration accepts; a client of another is refused, never served. */
class AcceptedProtocolsTest {

    private static ServerConfig accepting(Set<ProtocolVersion> protocols) {
        ServerConfig all = Handshakes.serverConfig();
        return new ServerConfig(all.crypto(), new FixedRandom(Handshakes.SERVER_RANDOM, Handshakes.SERVER_PRIVATE_KEY),
                all.certificatePem(), all.signingKey(), HandshakeObserver.NONE, protocols);
    }

    private static Handshakes.Run run(ProtocolVersion client, Set<ProtocolVersion> server) {
        return Handshakes.run(clientConfig(client, PKI.root(), HandshakeObserver.NONE), accepting(server));
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void aServerAcceptsEveryProtocolUnlessToldOtherwise(ProtocolVersion protocol) {
        Handshakes.Run run = Handshakes.run(clientConfig(protocol, PKI.root(), HandshakeObserver.NONE),
                Handshakes.serverConfig());

        assertThat(run.clientConnected().protocol()).isEqualTo(protocol);
        assertThat(run.serverConnected().protocol()).isEqualTo(protocol);
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void aServerServesAProtocolItAccepts(ProtocolVersion protocol) {
        Handshakes.Run run = run(protocol, EnumSet.of(protocol));

        assertThat(run.serverConnected().protocol()).isEqualTo(protocol);
    }

    @Test
    void aV2ClientOfAServerWithoutV2IsRefusedWithProtocolVersion() {
        Handshakes.Run run = run(ProtocolVersion.V2, EnumSet.of(ProtocolVersion.V1));

        assertThat(run.serverFailed(Failure.UNSUPPORTED_VERSION)).hasMessage("unsupported protocol version: the "
                + "client speaks protocol v2, which this server does not accept (it accepts v1)");
        assertThat(run.sentByServer()).as("the alert, in clear, and nothing else")
                .containsExactly(alertLine(Alert.PROTOCOL_VERSION));
        assertToldOf(run.clientFailed(Failure.ALERT_RECEIVED), Alert.PROTOCOL_VERSION);
    }

    @Test
    void aV1ClientOfAServerWithoutV1IsClosedWithoutAWord() {
        Handshakes.Run run = run(ProtocolVersion.V1, EnumSet.of(ProtocolVersion.V2));

        assertThat(run.serverFailed(Failure.UNSUPPORTED_VERSION)).hasMessage("unsupported protocol version: the "
                + "client speaks protocol v1, which this server does not accept (it accepts v2)");
        assertThat(run.sentByServer()).as("v1 has no alerts: a clean close").isEmpty();
        run.clientFailed(Failure.PEER_CLOSED);
    }

    @Test
    void aV2ClientOfATls13OnlyServerIsRefusedWithProtocolVersion() {
        Handshakes.Run run = run(ProtocolVersion.V2, EnumSet.of(ProtocolVersion.TLS13));

        assertThat(run.serverFailed(Failure.UNSUPPORTED_VERSION)).hasMessage("unsupported protocol version: the "
                + "client speaks protocol v2, which this server does not accept (it accepts tls13)");
        assertThat(run.sentByServer()).containsExactly(alertLine(Alert.PROTOCOL_VERSION));
        assertToldOf(run.clientFailed(Failure.ALERT_RECEIVED), Alert.PROTOCOL_VERSION);
    }

    @Test
    void tls13IsNoJsonLinesProtocolAndAJsonLinesHandshakeRefusesToSpeakIt() {
        assertThat(ProtocolVersion.jsonLinesProtocols()).containsExactly(ProtocolVersion.V1, ProtocolVersion.V2);
        assertThat(ProtocolVersion.TLS13.jsonLines()).isFalse();
        assertThat(ProtocolVersion.V1.jsonLines()).isTrue();
        assertThat(VersionPolicy.of(ProtocolVersion.V1).other().version()).isEqualTo(ProtocolVersion.V2);
        assertThat(VersionPolicy.of(ProtocolVersion.V2).other().version()).isEqualTo(ProtocolVersion.V1);
        assertThatThrownBy(() -> VersionPolicy.of(ProtocolVersion.TLS13))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls13 is not a JSON-lines protocol");
    }

    @Test
    void aFirstAlertIsReportedNotAnsweredEvenInAProtocolTheServerDoesNotAccept() {
        Handshakes.Run run = Handshakes.run(clientConfig(ProtocolVersion.V2, PKI.root(), HandshakeObserver.NONE),
                accepting(EnumSet.of(ProtocolVersion.V1)),
                Fault.replace(Handshakes.CLIENT_HELLO, alertLine(Alert.HANDSHAKE_FAILURE)), Fault.NONE);

        assertToldOf(run.serverFailed(Failure.ALERT_RECEIVED), Alert.HANDSHAKE_FAILURE);
        assertThat(run.sentByServer()).as("no alert answers an alert").isEmpty();
    }

    @Test
    void aServerMustAcceptAProtocol() {
        assertThatThrownBy(() -> accepting(Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a server must accept at least one protocol");
    }

    @Test
    void theAcceptedProtocolsAreTheConfigurationsOwn() {
        Set<ProtocolVersion> protocols = EnumSet.of(ProtocolVersion.V2);
        ServerConfig config = accepting(protocols);
        protocols.add(ProtocolVersion.V1);

        assertThat(config.protocols()).containsExactly(ProtocolVersion.V2);
        assertThat(ServerConfig.names(EnumSet.allOf(ProtocolVersion.class))).isEqualTo("v1, v2, tls13");
    }
}
