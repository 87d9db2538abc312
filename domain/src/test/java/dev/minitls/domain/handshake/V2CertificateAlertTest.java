package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.V2Handshakes.CODEC;
import static dev.minitls.domain.handshake.V2Handshakes.HANDSHAKE;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static dev.minitls.domain.handshake.V2Handshakes.inner;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.CertificateHandshakeTest.Refused;
import dev.minitls.domain.handshake.CertificateHandshakeTest.RefusedRoot;
import dev.minitls.domain.handshake.V2Handshakes.Keys;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The certificates a client refuses (those of {@link CertificateHandshakeTest}, and what is no certificate) refused
 * the same way in protocol v2, the server being told the alert of docs/PROTOCOL.md's table, encrypted under the
 * client's handshake key.
 */
class V2CertificateAlertTest {

    /** docs/PROTOCOL.md: the alert for each reason a certificate is refused. */
    private static final Map<Failure, Alert> ALERT_TABLE = Map.of(
            Failure.UNKNOWN_CA, Alert.UNKNOWN_CA,
            Failure.BAD_CERTIFICATE, Alert.BAD_CERTIFICATE,
            Failure.NAME_MISMATCH, Alert.BAD_CERTIFICATE,
            Failure.CERTIFICATE_EXPIRED, Alert.CERTIFICATE_EXPIRED,
            Failure.UNSUPPORTED_CERTIFICATE, Alert.UNSUPPORTED_CERTIFICATE);

    private final Wire wire = new Wire();

    /** How v1 refuses a certificate whose name is only in its CN, which is quoted: it is the peer's. */
    private static final String COMMON_NAME_ONLY = "certificate rejected: issued to \"CN=";

    /** Those of v1; a v2 client reads no CN, so the certificate with a CN only is refused as naming nobody. */
    static Stream<Refused> refusedServerCertificates() {
        return Stream.concat(CertificateHandshakeTest.refusedServerCertificates().map(c -> c.message().startsWith(
                COMMON_NAME_ONLY)
                ? new Refused(c.name(), c.pem(), c.failure(), "certificate rejected: issued to no subjectAltName ("
                        + c.message().substring(COMMON_NAME_ONLY.length() - 4, c.message().indexOf(", not to "))
                        + " names a server only in a v1 certificate without extensions), not to example-server")
                : c), Stream.of(
                new Refused("that is no certificate", "not a certificate\n".getBytes(StandardCharsets.UTF_8),
                        Failure.BAD_CERTIFICATE,
                        "certificate rejected: cannot parse it: \"malformed test certificate: not a test"
                                + " certificate\"")));
    }

    @ParameterizedTest(name = "server certificate {0}")
    @MethodSource("refusedServerCertificates")
    void clientRefusesTheCertificateAndTellsTheServerWhy(Refused c) {
        Handshakes.Run run = wire.run(Fault.NONE, wire.reseal(CERTIFICATE, Keys.SERVER_HANDSHAKE,
                inner -> inner(CODEC.encode(new CertificateMessage(c.pem())), HANDSHAKE)));

        assertRefusedAndTold(run, c.failure(), c.message());
    }

    @ParameterizedTest(name = "trusted root {0}")
    @MethodSource("dev.minitls.domain.handshake.CertificateHandshakeTest#refusedRoots")
    void clientRefusesTheCertificateUnderItsTrustedRootAndTellsTheServerWhy(RefusedRoot c) {
        ClientConfig client = Handshakes.clientConfig(ProtocolVersion.V2, CRYPTO.parseCertificate(c.rootPem()),
                HandshakeObserver.NONE);
        Handshakes.Run run = wire.run(client, Handshakes.serverConfig(), Fault.NONE, Fault.NONE);

        assertRefusedAndTold(run, c.failure(), c.message());
    }

    private void assertRefusedAndTold(Handshakes.Run run, Failure failure, String message) {
        Alert alert = ALERT_TABLE.get(failure);
        assertThat(run.clientFailed(failure)).hasMessage(message);
        wire.assertClientSentOnly(alert);
        assertToldOf(run.serverFailed(Failure.ALERT_RECEIVED), alert);
    }
}
