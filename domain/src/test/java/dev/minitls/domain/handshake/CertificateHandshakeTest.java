package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.clientConfig;
import static dev.minitls.testing.TestCertificates.filled;
import static dev.minitls.domain.handshake.Handshakes.frame;
import static dev.minitls.domain.handshake.Handshakes.run;
import static dev.minitls.domain.handshake.Handshakes.serverConfig;
import static dev.minitls.testing.TestCertificates.NOW;
import static dev.minitls.testing.TestCertificates.ROOT_NAME;
import static dev.minitls.testing.TestCertificates.SERVER_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's certificate checks in whole handshakes: each kind of bad certificate is refused with its own failure
 * before the client sends anything more, and the certificates that must pass do.
 */
class CertificateHandshakeTest {

    private static final byte[] OTHER_ROOT_KEY = filled(0x33);
    private static final Instant A_SECOND_AGO = NOW.minusSeconds(1);
    private static final Instant IN_A_SECOND = NOW.plusSeconds(1);
    /** Clears the screen, returns the cursor, ends a line (U+2028) and reverses what follows (U+202E). */
    private static final String HOSTILE = "\u001b[2J\r\u2028evil\u202e";
    private static final List<String> MANY_NAMES = IntStream.range(0, 200).mapToObj(i -> "host-" + i + ".example")
            .toList();
    private static final String MANY_NAMES_JOINED = MANY_NAMES.stream().map(name -> "DNS:" + name)
            .collect(Collectors.joining(", "));
    private static final String HOSTILE_ESCAPED = "\\u001b[2J\\u000d\\u2028evil\\u202e";

    /** A server certificate, the failure it must cause and that failure's whole message. */
    record Refused(String name, byte[] pem, Failure failure, String message) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refused> refusedServerCertificates() {
        return Stream.of(
                new Refused("issued by another CA",
                        TestCertificates.server(PKI.serverKey(), OTHER_ROOT_KEY, "CN=Other Root").build(),
                        Failure.UNKNOWN_CA,
                        "certificate rejected: issued by \"CN=Other Root\", not by the trusted root CA CN=Test Root"),
                new Refused("self-signed",
                        TestCertificates.server(PKI.serverKey(), PKI.serverKey(), "CN=" + SERVER_NAME).build(),
                        Failure.UNKNOWN_CA, "certificate rejected: issued by \"CN=example-server\", "
                                + "not by the trusted root CA CN=Test Root"),
                new Refused("the trusted root's name but another key",
                        TestCertificates.server(PKI.serverKey(), OTHER_ROOT_KEY, ROOT_NAME).build(),
                        Failure.BAD_CERTIFICATE, "certificate rejected: not signed by the trusted root CA CN=Test Root"),
                new Refused("changed after it was signed",
                        Pem.encode(Pem.CERTIFICATE, new String(Pem.decode(Pem.CERTIFICATE, PKI.serverPem()),
                                StandardCharsets.UTF_8).replace("notAfter=2100", "notAfter=2200")
                                .getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII),
                        Failure.BAD_CERTIFICATE, "certificate rejected: not signed by the trusted root CA CN=Test Root"),
                new Refused("expired a second ago",
                        PKI.serverBuilder().validity(TestCertificates.NOT_BEFORE, A_SECOND_AGO).build(),
                        Failure.CERTIFICATE_EXPIRED,
                        "certificate rejected: the server certificate expired at 2026-11-25T11:59:59Z"),
                new Refused("valid only in a second",
                        PKI.serverBuilder().validity(IN_A_SECOND, TestCertificates.NOT_AFTER).build(),
                        Failure.BAD_CERTIFICATE,
                        "certificate rejected: the server certificate is not valid before 2026-11-25T12:00:01Z"),
                new Refused("subjectAltName of another name, CN matches",
                        PKI.serverBuilder().dnsNames("other-server").build(),
                        Failure.NAME_MISMATCH,
                        "certificate rejected: issued to \"DNS:other-server\", not to example-server"),
                new Refused("subjectAltNames none of which matches",
                        PKI.serverBuilder().dnsNames("a.example", "b.example").build(),
                        Failure.NAME_MISMATCH,
                        "certificate rejected: issued to \"DNS:a.example, DNS:b.example\", not to example-server"),
                new Refused("subjectAltName that only starts with the name",
                        PKI.serverBuilder().dnsNames("example-server.evil").build(),
                        Failure.NAME_MISMATCH,
                        "certificate rejected: issued to \"DNS:example-server.evil\", not to example-server"),
                new Refused("a subjectAltName that is a bare *, which names no host",
                        PKI.serverBuilder().dnsNames("*").build(),
                        Failure.NAME_MISMATCH,
                        "certificate rejected: issued to \"DNS:*\", not to example-server"),
                new Refused("no subjectAltName, CN of another name",
                        PKI.serverBuilder().dnsNames().commonName("other-server").build(),
                        Failure.NAME_MISMATCH,
                        "certificate rejected: issued to \"CN=other-server\", not to example-server"),
                new Refused("no subjectAltName, no CN",
                        PKI.serverBuilder().dnsNames().noCommonName().build(),
                        Failure.NAME_MISMATCH, "certificate rejected: issued to no name, not to example-server"),
                new Refused("signature algorithm ECDSA",
                        PKI.serverBuilder().signatureAlgorithm("ECDSA").build(),
                        Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: signature algorithm \"ECDSA\" is not one minitls verifies (Ed25519, "
                                + "ecdsa-with-SHA256, sha256WithRSAEncryption, RSASSA-PSS with SHA-256)"),
                new Refused("an RSA key: minitls takes it in a certificate, v1 and v2 sign with Ed25519 only",
                        PKI.serverBuilder().key("RSA", new byte[270]).keyBits(2048).build(),
                        Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: the server's key is \"RSA\", not Ed25519"),
                // What the peer wrote in its certificate is quoted and escaped: it cannot clear the terminal, forge
                // a line or reverse the text of the client's error message.
                new Refused("an issuer name holding control characters",
                        TestCertificates.server(PKI.serverKey(), OTHER_ROOT_KEY, "CN=Root" + HOSTILE).build(),
                        Failure.UNKNOWN_CA, "certificate rejected: issued by \"CN=Root" + HOSTILE_ESCAPED
                                + "\", not by the trusted root CA CN=Test Root"),
                new Refused("a subjectAltName holding control characters",
                        PKI.serverBuilder().dnsNames("example-server" + HOSTILE).build(), Failure.NAME_MISMATCH,
                        "certificate rejected: issued to \"DNS:example-server" + HOSTILE_ESCAPED
                                + "\", not to example-server"),
                new Refused("a CN holding control characters",
                        PKI.serverBuilder().dnsNames().commonName(HOSTILE).build(), Failure.NAME_MISMATCH,
                        "certificate rejected: issued to \"CN=" + HOSTILE_ESCAPED + "\", not to example-server"),
                new Refused("200 subjectAltNames: the message shows the first 128 characters of them",
                        PKI.serverBuilder().dnsNames(MANY_NAMES.toArray(String[]::new)).build(),
                        Failure.NAME_MISMATCH,
                        "certificate rejected: issued to \"" + MANY_NAMES_JOINED.substring(0, 128)
                                + "\"... (" + MANY_NAMES_JOINED.length() + " characters), not to example-server"),
                new Refused("a signature algorithm holding control characters",
                        PKI.serverBuilder().signatureAlgorithm(HOSTILE).build(), Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: signature algorithm \"" + HOSTILE_ESCAPED + "\" is not one minitls "
                                + "verifies (Ed25519, ecdsa-with-SHA256, sha256WithRSAEncryption, RSASSA-PSS with "
                                + "SHA-256)"),
                new Refused("a key algorithm holding control characters",
                        PKI.serverBuilder().key(HOSTILE, new byte[32]).build(), Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: the server certificate has a key of type \"" + HOSTILE_ESCAPED
                                + "\", which minitls does not take (Ed25519, EC P-256 or RSA)"),
                new Refused("an RSA key of 1024 bits",
                        PKI.serverBuilder().key("RSA", new byte[140]).keyBits(1024).build(),
                        Failure.UNSUPPORTED_CERTIFICATE, "certificate rejected: the server certificate has an RSA key "
                                + "of 1024 bits, under the 2048 minitls requires"));
    }

    @ParameterizedTest(name = "server certificate {0}")
    @MethodSource("refusedServerCertificates")
    void clientRefusesServerCertificate(Refused c) {
        // The server's configuration would refuse some of these certificates, so they are swapped in on the wire.
        Handshakes.Run run = run(Fault.NONE, Fault.replace(CERTIFICATE, frame(new CertificateMessage(c.pem()))));

        assertThat(run.clientFailed(c.failure())).hasMessage(c.message());
        assertThat(run.sentByClient()).as("only the ClientHello").hasSize(1);
        run.serverFailed(Failure.PEER_CLOSED);
    }

    @Test
    void aParserMessageQuotingWhatThePeerWroteIsEscaped() {
        byte[] der = new String(Pem.decode(Pem.CERTIFICATE, PKI.serverPem()), StandardCharsets.UTF_8)
                .replace("notBefore=2020-01-01T00:00:00Z", "notBefore=" + HOSTILE).getBytes(StandardCharsets.UTF_8);
        byte[] pem = Pem.encode(Pem.CERTIFICATE, der).getBytes(StandardCharsets.US_ASCII);
        Handshakes.Run run = run(Fault.NONE, Fault.replace(CERTIFICATE, frame(new CertificateMessage(pem))));

        assertThat(run.clientFailed(Failure.BAD_CERTIFICATE).getMessage())
                .startsWith("certificate rejected: cannot parse it: \"malformed test certificate: ")
                .contains(HOSTILE_ESCAPED).doesNotContain(HOSTILE).matches("\\p{Print}*");
    }

    @Test
    void clientRefusesWhatIsNoCertificate() {
        byte[] garbage = "not a certificate\n".getBytes(StandardCharsets.UTF_8);
        Handshakes.Run run = run(Fault.NONE, Fault.replace(CERTIFICATE, frame(new CertificateMessage(garbage))));

        assertThat(run.clientFailed(Failure.BAD_CERTIFICATE))
                .hasMessageStartingWith("certificate rejected: cannot parse it: ");
        assertThat(run.sentByClient()).hasSize(1);
    }

    /** A trusted root, the failure it must cause for the good server certificate, and the whole message. */
    record RefusedRoot(String name, byte[] rootPem, Failure failure, String message) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<RefusedRoot> refusedRoots() {
        return Stream.of(
                new RefusedRoot("expired a second ago",
                        PKI.rootBuilder().validity(TestCertificates.NOT_BEFORE, A_SECOND_AGO).build(),
                        Failure.CERTIFICATE_EXPIRED,
                        "certificate rejected: the trusted root CA CN=Test Root expired at 2026-11-25T11:59:59Z"),
                new RefusedRoot("valid only in a second",
                        PKI.rootBuilder().validity(IN_A_SECOND, TestCertificates.NOT_AFTER).build(),
                        Failure.BAD_CERTIFICATE,
                        "certificate rejected: the trusted root CA CN=Test Root is not valid before 2026-11-25T12:00:01Z"));
    }

    @ParameterizedTest(name = "trusted root {0}")
    @MethodSource("refusedRoots")
    void clientRefusesServerCertificateUnderTrustedRoot(RefusedRoot c) {
        ClientConfig client = clientConfig(CRYPTO, CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, c.rootPem())),
                SERVER_NAME, HandshakeObserver.NONE);
        Handshakes.Run run = run(client, serverConfig());

        assertThat(run.clientFailed(c.failure())).hasMessage(c.message());
        assertThat(run.sentByClient()).hasSize(1);
        run.serverFailed(Failure.PEER_CLOSED);
    }

    /** A server certificate that must pass, and the name the client asks for. */
    record Accepted(String name, byte[] pem, String serverName) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Accepted> acceptedServerCertificates() {
        return Stream.of(
                new Accepted("subjectAltName in other case", PKI.serverBuilder().dnsNames("EXAMPLE-Server").build(),
                        SERVER_NAME),
                new Accepted("client asks in upper case", PKI.serverPem(), "EXAMPLE-SERVER"),
                new Accepted("the second of two subjectAltNames", PKI.serverBuilder()
                        .dnsNames("other-server", SERVER_NAME).build(), SERVER_NAME),
                new Accepted("subjectAltName matches, CN does not", PKI.serverBuilder().commonName("other-server")
                        .build(), SERVER_NAME),
                new Accepted("no subjectAltName, CN matches", PKI.serverBuilder().dnsNames().build(), SERVER_NAME),
                new Accepted("no subjectAltName, CN in other case", PKI.serverBuilder().dnsNames()
                        .commonName("Example-Server").build(), SERVER_NAME),
                new Accepted("valid from this very second", PKI.serverBuilder()
                        .validity(NOW, TestCertificates.NOT_AFTER).build(), SERVER_NAME),
                new Accepted("valid until this very second", PKI.serverBuilder()
                        .validity(TestCertificates.NOT_BEFORE, NOW).build(), SERVER_NAME));
    }

    @ParameterizedTest(name = "server certificate {0}")
    @MethodSource("acceptedServerCertificates")
    void clientAcceptsServerCertificate(Accepted c) {
        ClientConfig client = clientConfig(CRYPTO, PKI.root(), c.serverName(), HandshakeObserver.NONE);
        Handshakes.Run run = run(client, serverConfig(c.pem(), HandshakeObserver.NONE));

        run.clientConnected();
        run.serverConnected();
    }

    @Test
    void aRootWithoutBasicConstraintsIsTrustedAsTheSeedsRootIs() {
        ClientConfig client = clientConfig(CRYPTO, CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE,
                PKI.rootBuilder().noBasicConstraints().build())), SERVER_NAME, HandshakeObserver.NONE);
        Handshakes.Run run = run(client, serverConfig());

        run.clientConnected();
        run.serverConnected();
    }
}
