package dev.minitls.crypto.hostile;

import static dev.minitls.crypto.hostile.X509Chains.NOW;
import static dev.minitls.crypto.hostile.X509Chains.SERVER_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.crypto.hostile.X509Chains.Cert;
import dev.minitls.crypto.hostile.X509Chains.KeyType;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.CertificateAlgorithms;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trust.LeafNames;
import dev.minitls.domain.trust.ServerCertificateValidator;
import dev.minitls.domain.trust.TrustedCertificate;
import java.security.KeyPair;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Path validation with real certificates on every provider: Ed25519, ECDSA P-256 and RSA chains (PKCS#1 v1.5 and
 * PSS signatures) with 0, 1 and 2 intermediates, a chain mixing all three, and the refusals that depend on the
 * parsers' reading of real DER: RSA under 2048 bits anywhere, PSS with other parameters, BasicConstraints,
 * KeyUsage and pathLenConstraint as encoded, a forged signature, an expired intermediate.
 */
class RealChainValidationTest {

    /** Per key type: the root's, two intermediates' and the server's keys. */
    private static final Map<KeyType, List<KeyPair>> KEYS = new EnumMap<>(KeyType.class);
    private static final KeyPair RSA_1024 = X509Chains.rsa(1024);

    private static synchronized KeyPair key(KeyType type, int index) {
        KeyType family = type == KeyType.RSA_PSS ? KeyType.RSA_PKCS1 : type;
        return KEYS.computeIfAbsent(family, t -> List.of(t.generate(), t.generate(), t.generate(), t.generate()))
                .get(index);
    }

    /** root -> intermediate 1 -> ... -> intermediate n -> server, all of {@code type}. */
    private record Chain(Cert root, List<Cert> intermediates, Cert server) {

        static Chain of(KeyType type, int levels) {
            Cert root = Cert.ca("Root " + type, key(type, 0), type);
            List<Cert> intermediates = new ArrayList<>();
            Cert issuer = root;
            for (int level = 1; level <= levels; level++) {
                issuer = Cert.ca("Intermediate " + level + " " + type, key(type, level), type).issuedBy(issuer, type);
                intermediates.add(issuer);
            }
            return new Chain(root, intermediates, Cert.server(key(type, 3), type).issuedBy(issuer, type));
        }

        TrustedCertificate validate(CryptoProvider crypto) {
            List<Certificate> sent = new ArrayList<>();
            for (Cert intermediate : intermediates) {
                sent.add(crypto.parseCertificate(intermediate.der()));
            }
            Collections.shuffle(sent);
            return new ServerCertificateValidator(crypto, List.of(crypto.parseCertificate(root.der())),
                    Clock.fixed(NOW, ZoneOffset.UTC), LeafNames.SUBJECT_ALT_NAME)
                    .validate(crypto.parseCertificate(server.der()), sent, SERVER_NAME);
        }
    }

    static Stream<Arguments> goodChains() {
        return RealHandshakes.PROVIDERS.stream().flatMap(crypto -> Stream.of(KeyType.values())
                .flatMap(type -> Stream.of(0, 1, 2).map(levels -> Arguments.of(crypto.name(), type, levels, crypto))));
    }

    @ParameterizedTest(name = "{0}: {1} with {2} intermediate(s)")
    @MethodSource("goodChains")
    void aGoodChainOfEachKeyTypeIsTrusted(String provider, KeyType type, int levels, CryptoProvider crypto) {
        TrustedCertificate trusted = Chain.of(type, levels).validate(crypto);

        assertThat(trusted.path()).hasSize(levels + 2);
        assertThat(trusted.path()).extracting(Certificate::signatureAlgorithm).containsOnly(switch (type) {
            case ED25519 -> CertificateAlgorithms.ED25519;
            case ECDSA_P256 -> CertificateAlgorithms.ECDSA_SHA256;
            case RSA_PKCS1 -> CertificateAlgorithms.RSA_PKCS1_SHA256;
            case RSA_PSS -> CertificateAlgorithms.RSA_PSS_SHA256;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.minitls.crypto.hostile.RealHandshakes#providers")
    void aChainMixingTheThreeKeyTypesIsTrusted(CryptoProvider crypto) {
        Cert root = Cert.ca("RSA root", key(KeyType.RSA_PKCS1, 0), KeyType.RSA_PKCS1);
        Cert intermediate = Cert.ca("ECDSA intermediate", key(KeyType.ECDSA_P256, 1), KeyType.RSA_PSS)
                .issuedBy(root, KeyType.RSA_PSS);
        Cert server = Cert.server(key(KeyType.ED25519, 3), KeyType.ECDSA_P256)
                .issuedBy(intermediate, KeyType.ECDSA_P256);

        assertThat(new Chain(root, List.of(intermediate), server).validate(crypto).path())
                .extracting(Certificate::keyAlgorithm).containsExactly("Ed25519", "EC P-256", "RSA");
    }

    /** A chain of two intermediates with one certificate changed, the failure, and the start of the message. */
    record Refused(String name, KeyType type, int changed, UnaryOperator<Cert> change, Failure failure,
            String message) {
        @Override
        public String toString() {
            return name;
        }

        Chain chain() {
            Chain good = Chain.of(type, 2);
            List<Cert> intermediates = new ArrayList<>(good.intermediates());
            Cert server = good.server();
            if (changed == 3) {
                server = change.apply(server);
            } else {
                intermediates.set(changed - 1, change.apply(intermediates.get(changed - 1)));
            }
            return new Chain(good.root(), intermediates, server);
        }
    }

    static Stream<Refused> refused() {
        return Stream.of(
                new Refused("an RSA-1024 server key", KeyType.RSA_PKCS1, 3,
                        c -> Cert.server(RSA_1024, KeyType.RSA_PKCS1).issuedBy(Chain.of(KeyType.RSA_PKCS1, 2)
                                .intermediates().get(1), KeyType.RSA_PKCS1),
                        Failure.UNSUPPORTED_CERTIFICATE, "certificate rejected: the server certificate has an RSA key "
                                + "of 1024 bits, under the 2048 minitls requires"),
                new Refused("an RSA-1024 intermediate", KeyType.RSA_PKCS1, 2,
                        c -> Cert.ca("Intermediate 2 RSA_PKCS1", RSA_1024, KeyType.RSA_PKCS1).issuedBy(
                                Chain.of(KeyType.RSA_PKCS1, 1).intermediates().get(0), KeyType.RSA_PKCS1),
                        Failure.UNSUPPORTED_CERTIFICATE, "certificate rejected: the intermediate certificate "
                                + "\"CN=Intermediate 2 RSA_PKCS1\" has an RSA key of 1024 bits"),
                new Refused("RSASSA-PSS with a 20-byte salt", KeyType.RSA_PKCS1, 2, c -> c.pssSalt(20),
                        Failure.UNSUPPORTED_CERTIFICATE, "certificate rejected: the intermediate certificate "
                                + "\"CN=Intermediate 2 RSA_PKCS1\" (level 1): signature algorithm \"RSASSA-PSS with "
                                + "parameters other than SHA-256, MGF1-SHA-256, salt 32\" is not one minitls verifies"),
                new Refused("an ECDSA intermediate without CA:true", KeyType.ECDSA_P256, 2, Cert::notCa,
                        Failure.BAD_CERTIFICATE, "certificate rejected: the intermediate certificate "
                                + "\"CN=Intermediate 2 ECDSA_P256\", the issuer of the server certificate, is not a CA"),
                new Refused("an intermediate without keyCertSign", KeyType.ED25519, 1,
                        c -> c.keyUsage(KeyUsage.digitalSignature), Failure.BAD_CERTIFICATE,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 1 ED25519\", the issuer "
                                + "of the intermediate certificate \"CN=Intermediate 2 ED25519\" (level 1), may not "
                                + "sign certificates"),
                new Refused("pathLen 0 exceeded", KeyType.RSA_PSS, 1, c -> c.pathLen(0), Failure.BAD_CERTIFICATE,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 1 RSA_PSS\" allows 0 "
                                + "intermediate CA(s) below it"),
                new Refused("an expired ECDSA intermediate", KeyType.ECDSA_P256, 1,
                        c -> c.validity(NOW.minusSeconds(86_400), NOW.minusSeconds(1)), Failure.CERTIFICATE_EXPIRED,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 1 ECDSA_P256\" expired"),
                new Refused("an ECDSA server certificate signed with another P-256 key", KeyType.ECDSA_P256, 3,
                        c -> c.signedBy(key(KeyType.ECDSA_P256, 0)), Failure.BAD_CERTIFICATE,
                        "certificate rejected: not signed by the intermediate certificate "
                                + "\"CN=Intermediate 2 ECDSA_P256\""),
                new Refused("an RSA intermediate signed with another RSA key", KeyType.RSA_PKCS1, 2,
                        c -> c.signedBy(key(KeyType.RSA_PKCS1, 0)), Failure.BAD_CERTIFICATE,
                        "certificate rejected: the intermediate certificate \"CN=Intermediate 2 RSA_PKCS1\" (level 1) "
                                + "is not signed by"));
    }

    static Stream<Arguments> refusedOnEveryProvider() {
        return RealHandshakes.PROVIDERS.stream().flatMap(crypto -> refused()
                .map(c -> Arguments.of(crypto.name(), c, crypto)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedOnEveryProvider")
    void refusesWithTheRightFailure(String provider, Refused c, CryptoProvider crypto) {
        Chain chain = c.chain();

        assertThatThrownBy(() -> chain.validate(crypto)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(c.failure());
            assertThat(e.getMessage()).startsWith(c.message());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.minitls.crypto.hostile.RealHandshakes#providers")
    void anRsa1024RootCannotBeATrustAnchor(CryptoProvider crypto) {
        Certificate root = crypto.parseCertificate(Cert.ca("RSA-1024 root", RSA_1024, KeyType.RSA_PKCS1).der());

        assertThat(root.keyBits()).isEqualTo(1024);
        assertThatThrownBy(() -> ServerCertificateValidator.requireUsableRoot(root))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the trusted root CA CN=RSA-1024 root has an RSA key of 1024 bits, under the 2048 "
                        + "minitls requires");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.minitls.crypto.hostile.RealHandshakes#providers")
    void bothProvidersReadPathLenAndKeySizeAlike(CryptoProvider crypto) {
        Certificate ca = crypto.parseCertificate(Cert.ca("CA", key(KeyType.RSA_PKCS1, 0), KeyType.RSA_PKCS1)
                .pathLen(3).der());
        Certificate server = crypto.parseCertificate(Cert.server(key(KeyType.ECDSA_P256, 3), KeyType.ECDSA_P256)
                .der());

        assertThat(ca.pathLenConstraint()).contains(3);
        assertThat(ca.keyBits()).isEqualTo(2048);
        assertThat(server.pathLenConstraint()).isEmpty();
        assertThat(server.keyBits()).isEqualTo(256);
        assertThat(server.keyAlgorithm()).isEqualTo(CertificateAlgorithms.EC_P256);
    }
}
