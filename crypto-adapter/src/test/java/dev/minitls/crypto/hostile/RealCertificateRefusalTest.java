package dev.minitls.crypto.hostile;

import static dev.minitls.crypto.hostile.X509Certificates.GOOD_SERVER;
import static dev.minitls.crypto.hostile.X509Certificates.NOW;
import static dev.minitls.crypto.hostile.X509Certificates.ROOT;
import static dev.minitls.crypto.hostile.X509Certificates.ROOT_KEY;
import static dev.minitls.crypto.hostile.X509Certificates.ROOT_NAME;
import static dev.minitls.crypto.hostile.X509Certificates.SERVER_KEY;
import static dev.minitls.crypto.hostile.X509Certificates.SERVER_SPKI;
import static dev.minitls.crypto.hostile.X509Certificates.ed25519;
import static dev.minitls.crypto.hostile.X509Certificates.signer;
import static dev.minitls.crypto.hostile.X509Certificates.spki;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.crypto.hostile.X509Certificates.Builder;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real X.509 server certificates the client must refuse, made with Bouncy Castle, checked by each crypto provider in
 * a whole handshake: garbage PEM, the right certificate followed by its root, a valid chain to another CA, expired,
 * not yet valid, another name, a root with CA:false, the root's name with another key, an RSA, ECDSA P-256 or Ed448
 * key, an ECDSA signature, and a leaf whose own extensions do not allow a TLS server (CA:true, KeyUsage without
 * digitalSignature, ExtendedKeyUsage without serverAuth, an unknown critical extension, the name in the CN only).
 * The client ends with the failure of docs/PROTOCOL.md's table and sends nothing more; in v2 the server is told the
 * alert.
 *
 * <p>In v1 the certificate is swapped on the wire (it travels in clear, and the server could not be configured with
 * most of these); in v2 the server is configured with it, which works for every certificate holding the server's
 * Ed25519 key.
 */
class RealCertificateRefusalTest {

    private static final Ed25519PrivateKeyParameters OTHER_KEY = ed25519(0x33);

    private static final Map<Failure, Alert> ALERTS = Map.of(Failure.BAD_CERTIFICATE, Alert.BAD_CERTIFICATE,
            Failure.UNKNOWN_CA, Alert.UNKNOWN_CA, Failure.CERTIFICATE_EXPIRED, Alert.CERTIFICATE_EXPIRED,
            Failure.NAME_MISMATCH, Alert.BAD_CERTIFICATE, Failure.UNSUPPORTED_CERTIFICATE,
            Alert.UNSUPPORTED_CERTIFICATE);

    /**
     * A server certificate under a trusted root, the failure and the start of its message; {@code serverKey} says
     * whether it holds the server's Ed25519 key (so that a v2 server can be configured with it).
     */
    record Refused(String name, byte[] serverPem, byte[] trustedRoot, Failure failure, String message,
            boolean serverKey) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refused> refused() {
        return Stream.of(
                new Refused("garbage PEM", ("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n"
                        + "-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII), ROOT,
                        Failure.BAD_CERTIFICATE, "certificate rejected: cannot parse it: ", false),
                new Refused("a valid chain to another CA", new Builder(SERVER_SPKI, signer(OTHER_KEY))
                        .issuedBy(new X500Name("CN=other root")).pem(), ROOT, Failure.UNKNOWN_CA,
                        "certificate rejected: issued by \"CN=other root\", not by the trusted root CA "
                                + "CN=minitls test root", true),
                new Refused("the right certificate followed by its root: one certificate is sent, never a chain",
                        (new String(GOOD_SERVER, StandardCharsets.US_ASCII) + new String(ROOT,
                                StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII), ROOT,
                        Failure.BAD_CERTIFICATE,
                        "certificate rejected: cannot parse it: \"PEM CERTIFICATE: more than one PEM block\"", false),
                new Refused("expired a second ago", new Builder(SERVER_SPKI, signer(ROOT_KEY))
                        .validity(NOW.minusSeconds(86_400), NOW.minusSeconds(1)).pem(), ROOT,
                        Failure.CERTIFICATE_EXPIRED,
                        "certificate rejected: the server certificate expired at 2026-11-25T11:59:59Z", true),
                new Refused("valid only from the next hour", new Builder(SERVER_SPKI, signer(ROOT_KEY))
                        .validity(NOW.plusSeconds(3600), NOW.plusSeconds(86_400)).pem(), ROOT,
                        Failure.BAD_CERTIFICATE,
                        "certificate rejected: the server certificate is not valid before 2026-11-25T13:00:00Z", true),
                new Refused("for another name", new Builder(SERVER_SPKI, signer(ROOT_KEY)).named("other-server")
                        .pem(), ROOT, Failure.NAME_MISMATCH,
                        "certificate rejected: issued to \"DNS:other-server\", not to example-server", true),
                // a root with CA:false cannot be configured at all (ConfigTest, ChainValidationTest)
                new Refused("the root's name signed with another key", new Builder(SERVER_SPKI, signer(OTHER_KEY))
                        .pem(), ROOT, Failure.BAD_CERTIFICATE,
                        "certificate rejected: not signed by the trusted root CA", true),
                new Refused("an RSA key", new Builder(X509Certificates.rsaKey(), signer(ROOT_KEY)).pem(), ROOT,
                        Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: the server's key is \"RSA\", not Ed25519",
                        false),
                new Refused("an ECDSA P-256 key", new Builder(spki(X509Certificates.p256().getPublic()),
                        signer(ROOT_KEY)).pem(), ROOT, Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: the server's key is \"EC P-256\", not Ed25519", false),
                new Refused("an Ed448 key", new Builder(X509Certificates.ed448Key(), signer(ROOT_KEY)).pem(), ROOT,
                        Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: the server certificate has a key of type \"Ed448\", which minitls "
                                + "does not take (Ed25519, EC P-256 or RSA)",
                        false),
                new Refused("an ECDSA signature in the name of the root, whose key is Ed25519", new Builder(SERVER_SPKI,
                        X509Certificates.ecdsaSigner(X509Certificates.p256())).pem(), ROOT,
                        Failure.BAD_CERTIFICATE,
                        "certificate rejected: not signed by the trusted root CA CN=minitls test root", true),
                new Refused("a leaf that is a CA", new Builder(SERVER_SPKI, signer(ROOT_KEY)).ca(true).pem(), ROOT,
                        Failure.BAD_CERTIFICATE, "certificate rejected: the server certificate is a CA certificate "
                                + "(BasicConstraints CA:true), not a server's", true),
                new Refused("KeyUsage keyCertSign only", new Builder(SERVER_SPKI, signer(ROOT_KEY))
                        .extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign)).pem(), ROOT,
                        Failure.UNSUPPORTED_CERTIFICATE, "certificate rejected: its KeyUsage does not allow "
                                + "digitalSignature, which a TLS server's key needs", true),
                new Refused("ExtendedKeyUsage clientAuth only", new Builder(SERVER_SPKI, signer(ROOT_KEY))
                        .extension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)).pem(), ROOT,
                        Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: its ExtendedKeyUsage does not allow serverAuth", true),
                new Refused("ExtendedKeyUsage anyExtendedKeyUsage only", new Builder(SERVER_SPKI, signer(ROOT_KEY))
                        .extension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage)).pem(), ROOT,
                        Failure.UNSUPPORTED_CERTIFICATE,
                        "certificate rejected: its ExtendedKeyUsage does not allow serverAuth", true),
                new Refused("an unknown critical extension", new Builder(SERVER_SPKI, signer(ROOT_KEY))
                        .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), true, DERNull.INSTANCE).pem(),
                        ROOT, Failure.UNSUPPORTED_CERTIFICATE, "certificate rejected: it has a critical extension "
                                + "minitls does not know (1.3.6.1.4.1.55555.1)", true),
                new Refused("nameConstraints excluding its own name", new Builder(SERVER_SPKI, signer(ROOT_KEY))
                        .extension(Extension.nameConstraints, true, new NameConstraints(null, new GeneralSubtree[] {
                            new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example-server"))})).pem(),
                        ROOT, Failure.UNSUPPORTED_CERTIFICATE, "certificate rejected: it has a critical extension "
                                + "minitls does not know (2.5.29.30)", true),
                new Refused("the name in the CN only", new Builder(SERVER_SPKI, signer(ROOT_KEY)).noSubjectAltName()
                        .pem(), ROOT, Failure.NAME_MISMATCH, "certificate rejected: issued to no subjectAltName "
                                + "(\"CN=example-server\" names a server only in a v1 certificate without extensions), "
                                + "not to example-server", true));
    }

    static Stream<Arguments> refusedInV1() {
        return RealHandshakes.PROVIDERS.stream().flatMap(crypto -> refused().map(c -> Arguments.of(crypto, c)));
    }

    static Stream<Arguments> refusedInV2() {
        return RealHandshakes.PROVIDERS.stream().flatMap(crypto -> refused().filter(Refused::serverKey)
                .map(c -> Arguments.of(crypto, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedInV1")
    void aV1ClientRefusesTheCertificateSwappedInOnTheWire(CryptoProvider crypto, Refused c) {
        Fault swap = Fault.replace(1, TestCodec.V1.encode(new CertificateMessage(c.serverPem())));
        RealHandshakes.Outcome outcome = RealHandshakes.run(crypto, ProtocolVersion.V1, c.trustedRoot(),
                GOOD_SERVER, SERVER_KEY.getEncoded(), Fault.NONE, swap);

        assertThat(outcome.clientFailed(c.failure())).hasMessageStartingWith(c.message());
        assertThat(outcome.transport().client().sentFrames()).as("only the ClientHello").hasSize(1);
        outcome.serverToldOrClosed(ProtocolVersion.V1, null);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedInV2")
    void aV2ClientRefusesTheServersCertificateAndTellsItWhy(CryptoProvider crypto, Refused c) {
        RealHandshakes.Outcome outcome = RealHandshakes.run(crypto, ProtocolVersion.V2, c.trustedRoot(),
                c.serverPem(), SERVER_KEY.getEncoded(), Fault.NONE, Fault.NONE);

        assertThat(outcome.clientFailed(c.failure())).hasMessageStartingWith(c.message());
        assertThat(outcome.transport().client().sentFrames()).as("the ClientHello and the alert").hasSize(2);
        outcome.serverToldOrClosed(ProtocolVersion.V2, ALERTS.get(c.failure()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.minitls.crypto.hostile.RealHandshakes#providers")
    void theGoodCertificateIsAcceptedInBothProtocols(CryptoProvider crypto) {
        for (ProtocolVersion protocol : ProtocolVersion.jsonLinesProtocols()) {
            assertAccepted(crypto, protocol, GOOD_SERVER);
        }
    }

    /**
     * What a server's certificate may carry: KeyUsage with digitalSignature among others, ExtendedKeyUsage with
     * serverAuth among others, an unknown extension that is not critical, and the key identifiers.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.minitls.crypto.hostile.RealHandshakes#providers")
    void aLeafWhoseExtensionsAllowATlsServerIsAccepted(CryptoProvider crypto) throws Exception {
        byte[] pem = new Builder(SERVER_SPKI, signer(ROOT_KEY))
                .extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}))
                .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), false, DERNull.INSTANCE)
                .extension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils()
                        .createSubjectKeyIdentifier(SERVER_SPKI))
                .pem();

        for (ProtocolVersion protocol : ProtocolVersion.jsonLinesProtocols()) {
            assertAccepted(crypto, protocol, pem);
        }
        Certificate parsed = crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, pem));
        assertThat(parsed.keyUsage())
                .hasValue(Set.of(dev.minitls.domain.cert.KeyUsage.DIGITAL_SIGNATURE,
                        dev.minitls.domain.cert.KeyUsage.KEY_ENCIPHERMENT));
        assertThat(parsed.extendedKeyUsage())
                .hasValue(List.of("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1"));
    }

    /** The seed's certificates have no extensions: their CN names the server for a v1 client, not for a v2 one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.minitls.crypto.hostile.RealHandshakes#providers")
    void aCertificateWithoutExtensionsNamesItsServerByItsCnInV1Only(CryptoProvider crypto) {
        byte[] pem = new Builder(SERVER_SPKI, signer(ROOT_KEY)).noExtensions().pem();

        assertAccepted(crypto, ProtocolVersion.V1, pem);
        RealHandshakes.Outcome v2 = RealHandshakes.run(crypto, ProtocolVersion.V2, ROOT, pem,
                SERVER_KEY.getEncoded(), Fault.NONE, Fault.NONE);
        assertThat(v2.clientFailed(Failure.NAME_MISMATCH)).hasMessageStartingWith(
                "certificate rejected: issued to no subjectAltName (\"CN=example-server\"");
        v2.serverToldOrClosed(ProtocolVersion.V2, Alert.BAD_CERTIFICATE);
    }

    private static void assertAccepted(CryptoProvider crypto, ProtocolVersion protocol, byte[] serverPem) {
        RealHandshakes.Outcome outcome = RealHandshakes.run(crypto, protocol, ROOT, serverPem,
                SERVER_KEY.getEncoded(), Fault.NONE, Fault.NONE);

        assertThat(outcome.both().client().failure()).as("%s", protocol).isNull();
        assertThat(outcome.both().server().failure()).as("%s", protocol).isNull();
    }
}
