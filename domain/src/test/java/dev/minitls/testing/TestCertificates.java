package dev.minitls.testing;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.KeyUsage;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Certificates for {@link InsecureTestCrypto}: a readable text format with the fields the protocol checks, signed
 * with the test double's toy signatures, standing in for DER; {@link Builder#build()} wraps it in real PEM armour
 * ({@code CERTIFICATE}), as the wire and the files carry a certificate. {@link #pki()} makes a root and a server certificate that pass every check;
 * the {@link Builder} changes one field at a time to make the ones that must fail.
 */
public final class TestCertificates {

    public static final String SERVER_NAME = "example-server";
    /** The subject of the root CA of {@link #pki()}. */
    public static final String ROOT_NAME = "CN=Test Root";
    public static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2100-01-01T00:00:00Z");
    /** A moment inside the default validity. */
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final HexFormat HEX = HexFormat.of();

    private TestCertificates() {
    }

    /** A root CA key, a server key and the two certificates, all valid at {@link #NOW}. */
    public record Pki(byte[] rootKey, byte[] rootPem, byte[] serverKey, byte[] serverPem) {

        public Certificate root() {
            return parse(Pem.decode(Pem.CERTIFICATE, rootPem));
        }

        public Certificate server() {
            return parse(Pem.decode(Pem.CERTIFICATE, serverPem));
        }

        /** A builder for another server certificate issued by this root, to change one field. */
        public Builder serverBuilder() {
            return TestCertificates.server(serverKey, rootKey, ROOT_NAME);
        }

        /** A builder for this PKI's root CA certificate, to change one field. */
        public Builder rootBuilder() {
            return testRoot(rootKey);
        }
    }

    public static Pki pki() {
        byte[] rootKey = filled(0x11);
        byte[] serverKey = filled(0x22);
        byte[] rootPem = testRoot(rootKey).build();
        byte[] serverPem = server(serverKey, rootKey, ROOT_NAME).build();
        return new Pki(rootKey, rootPem, serverKey, serverPem);
    }

    private static Builder testRoot(byte[] rootKey) {
        return root(rootKey, ROOT_NAME).commonName("Test Root");
    }

    /** A self-signed root CA certificate named {@code subject}, with BasicConstraints CA:true. */
    public static Builder root(byte[] key, String subject) {
        return new Builder(subject, key).ca(true).signedBy(key, subject);
    }

    /** A server certificate for {@link #SERVER_NAME} with {@code subjectKey}, signed by {@code issuerKey}. */
    public static Builder server(byte[] subjectKey, byte[] issuerKey, String issuer) {
        return new Builder("CN=" + SERVER_NAME, subjectKey).commonName(SERVER_NAME).dnsNames(SERVER_NAME)
                .ca(false).signedBy(issuerKey, issuer);
    }

    /** Builds one certificate field by field. */
    public static final class Builder {
        private final Map<String, String> fields = new LinkedHashMap<>();
        private byte[] signerKey;

        Builder(String subject, byte[] subjectKey) {
            fields.put("subject", subject);
            fields.put("issuer", subject);
            fields.put("notBefore", NOT_BEFORE.toString());
            fields.put("notAfter", NOT_AFTER.toString());
            fields.put("keyAlgorithm", Certificate.ED25519);
            fields.put("publicKey", HEX.formatHex(InsecureTestCrypto.publicKeyOf(subjectKey)));
            fields.put("signatureAlgorithm", Certificate.ED25519);
        }

        public Builder commonName(String cn) {
            fields.put("cn", cn);
            return this;
        }

        public Builder noCommonName() {
            fields.remove("cn");
            return this;
        }

        public Builder dnsNames(String... names) {
            if (names.length == 0) {
                fields.remove("dns");
            } else {
                fields.put("dns", String.join(",", names));
            }
            return this;
        }

        public Builder ca(boolean ca) {
            fields.put("ca", Boolean.toString(ca));
            return this;
        }

        /** No BasicConstraints extension at all, as in the seed's certificates. */
        public Builder noBasicConstraints() {
            fields.remove("ca");
            return this;
        }

        public Builder validity(Instant notBefore, Instant notAfter) {
            fields.put("notBefore", notBefore.toString());
            fields.put("notAfter", notAfter.toString());
            return this;
        }

        public Builder key(String algorithm, byte[] publicKey) {
            fields.put("keyAlgorithm", algorithm);
            fields.put("publicKey", HEX.formatHex(publicKey));
            return this;
        }

        /** The key's size in bits (256 unless set). */
        public Builder keyBits(int bits) {
            fields.put("keyBits", Integer.toString(bits));
            return this;
        }

        /** BasicConstraints' pathLenConstraint. */
        public Builder pathLen(int pathLen) {
            fields.put("pathLen", Integer.toString(pathLen));
            return this;
        }

        /** A KeyUsage extension with exactly these bits. */
        public Builder keyUsage(KeyUsage... usages) {
            fields.put("keyUsage", String.join(",", Arrays.stream(usages).map(KeyUsage::name).toList()));
            return this;
        }

        public Builder signatureAlgorithm(String algorithm) {
            fields.put("signatureAlgorithm", algorithm);
            return this;
        }

        /** Signed with {@code key}, naming {@code issuer} as the issuer. */
        public Builder signedBy(byte[] key, String issuer) {
            this.signerKey = key.clone();
            fields.put("issuer", issuer);
            return this;
        }

        /** The certificate as PEM text: the armour around the text format, which stands in for DER. */
        public byte[] build() {
            StringBuilder tbs = new StringBuilder();
            fields.forEach((k, v) -> tbs.append(k).append('=').append(v).append('\n'));
            byte[] tbsBytes = tbs.toString().getBytes(StandardCharsets.UTF_8);
            byte[] signature = InsecureTestCrypto.signature(InsecureTestCrypto.publicKeyOf(signerKey), tbsBytes);
            String der = tbs + "signature=" + HEX.formatHex(signature) + "\n";
            return Pem.encode(Pem.CERTIFICATE, der.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Parses the text format (the "DER" inside the armour); anything else, PEM text included, is
     * {@link CryptoException.Kind#MALFORMED}, as a real provider does.
     */
    static Certificate parse(byte[] der) {
        String body = new String(der, StandardCharsets.UTF_8);
        int signatureAt = body.lastIndexOf("signature=");
        if (signatureAt < 0) {
            throw malformed("no signature");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw malformed("bad line");
            }
            fields.put(line.substring(0, eq), line.substring(eq + 1));
        }
        try {
            byte[] tbs = body.substring(0, signatureAt).getBytes(StandardCharsets.UTF_8);
            String subject = required(fields, "subject");
            String issuer = required(fields, "issuer");
            return new Certificate(der.clone(), tbs, required(fields, "signatureAlgorithm"),
                    HEX.parseHex(required(fields, "signature")), 3, BigInteger.ONE,
                    subject.getBytes(StandardCharsets.UTF_8), subject,
                    issuer.getBytes(StandardCharsets.UTF_8), issuer,
                    Optional.ofNullable(fields.get("cn")),
                    fields.containsKey("dns") ? Arrays.asList(fields.get("dns").split(",")) : List.of(),
                    Instant.parse(required(fields, "notBefore")), Instant.parse(required(fields, "notAfter")),
                    required(fields, "keyAlgorithm"), HEX.parseHex(required(fields, "publicKey")),
                    Integer.parseInt(fields.getOrDefault("keyBits", "256")),
                    Optional.ofNullable(fields.get("ca")).map(Boolean::parseBoolean),
                    Optional.ofNullable(fields.get("pathLen")).map(Integer::valueOf),
                    Optional.ofNullable(fields.get("keyUsage")).map(TestCertificates::keyUsages),
                    Optional.empty(), List.of());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static Set<KeyUsage> keyUsages(String names) {
        Set<KeyUsage> usages = EnumSet.noneOf(KeyUsage.class);
        for (String name : names.split(",")) {
            if (!name.isEmpty()) {
                usages.add(KeyUsage.valueOf(name));
            }
        }
        return usages;
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw malformed("missing " + name);
        }
        return value;
    }

    private static CryptoException malformed(String why) {
        return new CryptoException(CryptoException.Kind.MALFORMED, "malformed test certificate: " + why);
    }

    /** 32 bytes of {@code value}: a test key. */
    public static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
