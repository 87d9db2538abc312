package dev.minitls.cli.inspect;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.cert.Certificate.Extension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the X.509 extensions a learner meets (RFC 5280 section 4.2) and reads the simple ones; any other value is
 * shown as the hex of its DER.
 */
final class Extensions {

    private static final Map<String, String> NAMES = Map.of(
            "2.5.29.14", "subjectKeyIdentifier",
            "2.5.29.15", "keyUsage",
            "2.5.29.17", "subjectAltName",
            "2.5.29.19", "basicConstraints",
            "2.5.29.31", "cRLDistributionPoints",
            "2.5.29.32", "certificatePolicies",
            "2.5.29.35", "authorityKeyIdentifier",
            "2.5.29.37", "extendedKeyUsage",
            "1.3.6.1.5.5.7.1.1", "authorityInfoAccess");

    /** KeyUsage bits, most significant bit of the first byte first (RFC 5280 section 4.2.1.3). */
    private static final List<String> KEY_USAGES = List.of("digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly");

    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int SEQUENCE = 0x30;
    private static final int KEY_IDENTIFIER = 0x80;

    private Extensions() {
    }

    /** {@code keyUsage (2.5.29.15, critical): digitalSignature}, one line per extension. */
    static List<String> describe(Certificate certificate) {
        List<String> lines = new ArrayList<>();
        for (Extension extension : certificate.extensions()) {
            String name = NAMES.getOrDefault(extension.oid(), "unknown");
            lines.add(name + " (" + extension.oid() + (extension.critical() ? ", critical" : "") + "): "
                    + value(name, extension.value(), certificate));
        }
        return lines;
    }

    private static String value(String name, byte[] der, Certificate certificate) {
        return switch (name) {
            case "basicConstraints" -> "CA:" + certificate.basicConstraintsCa().orElse(false);
            case "subjectAltName" -> certificate.dnsNames().isEmpty()
                    ? "no DNS names; DER " + Bytes.hex(der)
                    : "DNS:" + String.join(", DNS:", certificate.dnsNames());
            case "keyUsage" -> keyUsage(der);
            case "subjectKeyIdentifier" -> inside(der, OCTET_STRING)
                    .map(keyId -> "key id " + Bytes.hex(keyId)).orElse(Bytes.hex(der));
            case "authorityKeyIdentifier" -> inside(der, SEQUENCE).flatMap(sequence -> inside(sequence, KEY_IDENTIFIER))
                    .map(keyId -> "key id " + Bytes.hex(keyId)).orElse("DER " + Bytes.hex(der));
            default -> "DER " + Bytes.hex(der);
        };
    }

    /** The names of the bits set in a KeyUsage BIT STRING, or its hex when it is not one. */
    private static String keyUsage(byte[] der) {
        Optional<byte[]> bits = inside(der, BIT_STRING).filter(content -> content.length >= 1
                && content.length <= 3 && content[0] >= 0 && content[0] <= 7);
        if (bits.isEmpty()) {
            return "DER " + Bytes.hex(der);
        }
        List<String> usages = new ArrayList<>();
        byte[] content = bits.get();
        for (int bit = 0; bit < KEY_USAGES.size() && bit < (content.length - 1) * 8; bit++) {
            if ((content[1 + bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                usages.add(KEY_USAGES.get(bit));
            }
        }
        return usages.isEmpty() ? "none" : String.join(", ", usages);
    }

    /** The content of {@code der} when it is exactly one element with {@code tag} and a short-form length. */
    private static Optional<byte[]> inside(byte[] der, int tag) {
        if (der.length < 2 || (der[0] & 0xff) != tag || der[1] < 0 || der[1] != der.length - 2) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(der, 2, der.length));
    }
}
