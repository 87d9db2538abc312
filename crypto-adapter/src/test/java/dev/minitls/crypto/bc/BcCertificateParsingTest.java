package dev.minitls.crypto.bc;

import static dev.minitls.crypto.VectorFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minitls.crypto.VectorFiles;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcEdECContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link BcCryptoProvider#parseCertificate}: the original program's certificates, other algorithms, bad input. */
class BcCertificateParsingTest {

    private static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2034-01-01T00:00:00Z");
    private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);

    private final BcCryptoProvider crypto = new BcCryptoProvider();

    @Nested
    class TheOriginalProgramsCertificates {

        private JsonNode golden;
        private Certificate root;
        private Certificate server;

        @BeforeEach
        void parse() {
            golden = VectorFiles.read("seed-v1-golden.json");
            root = crypto.parseCertificate(der(golden.get("root_ca_certificate_pem")));
            server = crypto.parseCertificate(der(golden.get("server_certificate_pem")));
        }

        @Test
        void serverIsIssuedByTheRootAndSignedWithItsKey() {
            assertThat(server.issuer()).isEqualTo(root.subject());
            assertThat(root.issuer()).isEqualTo(root.subject());
            assertThat(crypto.ed25519Verify(root.publicKey(), server.tbsCertificate(), server.signature())).isTrue();
            assertThat(crypto.ed25519Verify(root.publicKey(), root.tbsCertificate(), root.signature())).isTrue();
            assertThat(crypto.ed25519Verify(server.publicKey(), server.tbsCertificate(), server.signature()))
                    .isFalse();
        }

        @Test
        void fieldsAreThoseCertsPyWrote() {
            assertThat(server.version()).isEqualTo(3);
            assertThat(server.serialNumber()).isEqualTo(new BigInteger("79DE17AADBE30E1B43FD4D1471A3BC3FD6F16B2E", 16));
            assertThat(server.subjectText()).isEqualTo("L=Nevada,CN=example-server,ST=California,C=US");
            assertThat(server.issuerText()).isEqualTo("CN=example.com,L=Bangkok,ST=Bangkok,C=TH");
            assertThat(server.commonName()).contains("example-server");
            assertThat(root.commonName()).contains("example.com");
            assertThat(server.dnsNames()).isEmpty();
            assertThat(server.basicConstraintsCa()).isEmpty();
            assertThat(root.basicConstraintsCa()).isEmpty();
            assertThat(server.notBefore()).isEqualTo(Instant.EPOCH);
            assertThat(server.notAfter()).isEqualTo(Instant.parse("2030-12-31T00:00:00Z"));
            assertThat(server.signatureAlgorithm()).isEqualTo("Ed25519");
            assertThat(server.keyAlgorithm()).isEqualTo("Ed25519");
            assertThat(server.publicKey()).hasSize(32);
            assertThat(server.hasEd25519Key()).isTrue();
            assertThat(server.signature()).hasSize(64);
        }

        @Test
        void derIsTheInputAndContainsTheSignedPart() {
            byte[] der = der(golden.get("server_certificate_pem"));
            assertThat(server.der()).isEqualTo(der);
            // TBSCertificate follows the outer SEQUENCE header (4 bytes: 30 82 len len)
            assertThat(Arrays.copyOfRange(der, 4, 4 + server.tbsCertificate().length))
                    .isEqualTo(server.tbsCertificate());
        }

        @Test
        void aFlippedSignatureBitNoLongerVerifies() {
            byte[] signature = server.signature();
            signature[0] ^= 1;
            assertThat(crypto.ed25519Verify(root.publicKey(), server.tbsCertificate(), signature)).isFalse();
        }
    }

    @Test
    void nonEd25519CertificateParsesWithItsOwnAlgorithmNames() throws Exception {
        ECDomainParameters p256 = new ECDomainParameters(CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1));
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(p256, new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic());
        AlgorithmIdentifier sha256WithEcdsa = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        byte[] der = builder(name("ec-server"), spki)
                .build(new BcECContentSignerBuilder(sha256WithEcdsa,
                        new DefaultDigestAlgorithmIdentifierFinder().find(sha256WithEcdsa)).build(pair.getPrivate()))
                .getEncoded();

        Certificate certificate = crypto.parseCertificate(der);

        // the curve's parameters written out, not the named curve P-256: minitls names the key but does not take it
        assertThat(certificate.keyAlgorithm()).isEqualTo("EC");
        assertThat(certificate.keyBits()).isZero();
        assertThat(certificate.publicKey()).isEqualTo(spki.getEncoded(ASN1Encoding.DER));
        assertThat(certificate.hasEd25519Key()).isFalse();
        assertThat(certificate.signatureAlgorithm()).isEqualTo("ecdsa-with-SHA256");
        assertThat(certificate.commonName()).contains("ec-server");
        assertThat(certificate.notBefore()).isEqualTo(NOT_BEFORE);
        assertThat(certificate.notAfter()).isEqualTo(NOT_AFTER);
    }

    @Test
    void unknownAlgorithmsAreNamedByTheirOid() {
        SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4")), new byte[8]);
        Certificate certificate = crypto.parseCertificate(ed25519Signed(builder(name("odd"), spki)));

        assertThat(certificate.keyAlgorithm()).isEqualTo("1.2.3.4");
        assertThat(certificate.hasEd25519Key()).isFalse();
    }

    @Nested
    class Rejects {

        private byte[] goldenDer() {
            return der(VectorFiles.read("seed-v1-golden.json").get("server_certificate_pem"));
        }

        static Stream<Arguments> bytesThatAreNotACertificate() {
            return Stream.of(
                    Arguments.of("nothing", new byte[0], "not well-formed"),
                    Arguments.of("text", "hello".getBytes(StandardCharsets.US_ASCII), "not well-formed"),
                    Arguments.of("the PEM text of a certificate", utf8(VectorFiles.read("seed-v1-golden.json")
                            .get("server_certificate_pem")), "not well-formed"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("bytesThatAreNotACertificate")
        void bytesThatAreNotACertificate(String what, byte[] input, String messagePart) {
            assertMalformed(input, messagePart);
        }

        @Test
        void twoCertificates() {
            JsonNode golden = VectorFiles.read("seed-v1-golden.json");
            byte[] both = org.bouncycastle.util.Arrays.concatenate(der(golden.get("root_ca_certificate_pem")),
                    der(golden.get("server_certificate_pem")));
            assertMalformed(both, "Extra data detected");
        }

        @Test
        void bytesAfterTheCertificate() {
            byte[] der = goldenDer();
            assertMalformed(Arrays.copyOf(der, der.length + 2), "not well-formed");
        }

        @Test
        void truncatedCertificate() {
            byte[] der = goldenDer();
            assertMalformed(Arrays.copyOf(der, der.length - 1), "not well-formed");
        }

        @Test
        void berInsteadOfDer() {
            // the same certificate with an indefinite-length outer SEQUENCE: valid BER, not DER
            byte[] der = goldenDer();
            byte[] ber = new byte[der.length - 4 + 2 + 2];
            ber[0] = 0x30;
            ber[1] = (byte) 0x80;
            System.arraycopy(der, 4, ber, 2, der.length - 4);
            assertMalformed(ber, "not DER-encoded");
        }

        @Test
        void signatureAlgorithmThatDiffersFromTheSignedOne() throws Exception {
            org.bouncycastle.asn1.x509.Certificate original =
                    org.bouncycastle.asn1.x509.Certificate.getInstance(goldenDer());
            byte[] tampered = new DERSequence(new ASN1Encodable[] {
                original.getTBSCertificate(),
                new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256),
                original.getSignature()}).getEncoded(ASN1Encoding.DER);
            assertMalformed(tampered, "signature algorithm differs");
        }

        @Test
        void ed25519KeyOfTheWrongLength() {
            SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(ED25519, new byte[31]);
            assertMalformed(ed25519Signed(builder(name("short"), spki)), "31 bytes, not 32");
        }

        @Test
        void ed25519KeyWithParameters() {
            SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519, DERNull.INSTANCE), new byte[32]);
            assertMalformed(ed25519Signed(builder(name("params"), spki)), "parameters");
        }

        @Test
        void commonNameThatIsNotAString() {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, new ASN1Integer(7)).build();
            SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(ED25519, new byte[32]);
            assertMalformed(ed25519Signed(builder(subject, spki)), "not well-formed");
        }

        @Test
        void signatureWithUnusedBits() throws Exception {
            org.bouncycastle.asn1.x509.Certificate original =
                    org.bouncycastle.asn1.x509.Certificate.getInstance(goldenDer());
            byte[] tampered = new DERSequence(new ASN1Encodable[] {
                original.getTBSCertificate(),
                original.getSignatureAlgorithm(),
                new DERBitString(original.getSignature().getOctets(), 3)}).getEncoded(ASN1Encoding.DER);
            assertMalformed(tampered, "not well-formed");
        }

        private void assertMalformed(byte[] der, String messagePart) {
            assertThatThrownBy(() -> crypto.parseCertificate(der))
                    .isInstanceOfSatisfying(CryptoException.class,
                            e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.MALFORMED))
                    .hasMessageContaining(messagePart);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name subject, SubjectPublicKeyInfo spki) {
        return new X509v3CertificateBuilder(name("test issuer"), BigInteger.TEN, Date.from(NOT_BEFORE),
                Date.from(NOT_AFTER), subject, spki);
    }

    private static byte[] ed25519Signed(X509v3CertificateBuilder builder) {
        try {
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new byte[32]);
            return builder.build(new BcEdECContentSignerBuilder(ED25519).build(key)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static byte[] der(JsonNode pem) {
        return Pem.decode(Pem.CERTIFICATE, utf8(pem));
    }
}
