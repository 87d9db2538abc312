package dev.minitls.transport.tls13.dissect;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.HandshakeType;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.tls13.SignatureScheme;
import java.util.Map;

/** The words for TLS code points, as the dissector shows them: {@code 0x1301 TLS_AES_128_GCM_SHA256}. */
final class Names {

    /** Extension types (IANA's TLS ExtensionType registry), the ones a TLS 1.3 capture commonly holds. */
    private static final Map<Integer, String> EXTENSIONS = Map.ofEntries(
            Map.entry(0, "server_name"), Map.entry(1, "max_fragment_length"), Map.entry(5, "status_request"),
            Map.entry(10, "supported_groups"), Map.entry(11, "ec_point_formats"),
            Map.entry(13, "signature_algorithms"), Map.entry(14, "use_srtp"), Map.entry(15, "heartbeat"),
            Map.entry(16, "application_layer_protocol_negotiation"), Map.entry(18, "signed_certificate_timestamp"),
            Map.entry(19, "client_certificate_type"), Map.entry(20, "server_certificate_type"),
            Map.entry(21, "padding"), Map.entry(22, "encrypt_then_mac"), Map.entry(23, "extended_master_secret"),
            Map.entry(27, "compress_certificate"), Map.entry(28, "record_size_limit"),
            Map.entry(35, "session_ticket"), Map.entry(41, "pre_shared_key"), Map.entry(42, "early_data"),
            Map.entry(43, "supported_versions"), Map.entry(44, "cookie"), Map.entry(45, "psk_key_exchange_modes"),
            Map.entry(47, "certificate_authorities"), Map.entry(48, "oid_filters"),
            Map.entry(49, "post_handshake_auth"), Map.entry(50, "signature_algorithms_cert"),
            Map.entry(51, "key_share"), Map.entry(57, "quic_transport_parameters"),
            Map.entry(0xff01, "renegotiation_info"));

    /** Handshake types minitls does not read but a capture may hold (RFC 8446 section 4, RFC 8879). */
    private static final Map<Integer, String> OTHER_HANDSHAKE_TYPES = Map.of(
            5, "end_of_early_data", 13, "certificate_request", 25, "compressed_certificate", 254, "message_hash");

    private Names() {
    }

    /** {@code 0x1301 TLS_AES_128_GCM_SHA256}, or {@code 0x1301} alone when it has no name. */
    static String code(int code, String name) {
        String hex = String.format("0x%04x", code);
        return name.equals(hex) ? hex + unnamed(code) : hex + " " + name;
    }

    static String suite(int code) {
        return code(code, new CipherSuite(code).name());
    }

    static String group(int code) {
        return code(code, new NamedGroup(code).name());
    }

    static String scheme(int code) {
        return code(code, new SignatureScheme(code).name());
    }

    static String extension(int type) {
        return code(type, EXTENSIONS.getOrDefault(type, String.format("0x%04x", type)));
    }

    /** The RFC name of an extension, or {@code extension 0x1234}. */
    static String extensionName(int type) {
        return EXTENSIONS.getOrDefault(type, String.format("extension 0x%04x", type));
    }

    /** A protocol version: 0x0304 TLS 1.3, 0x0303 TLS 1.2, ..., GREASE, or the number alone. */
    static String version(int version) {
        String name = switch (version) {
            case 0x0304 -> "TLS 1.3";
            case 0x0303 -> "TLS 1.2";
            case 0x0302 -> "TLS 1.1";
            case 0x0301 -> "TLS 1.0";
            case 0x0300 -> "SSL 3.0";
            default -> String.format("0x%04x", version);
        };
        return code(version, name);
    }

    /** The handshake type's RFC name, e.g. {@code client_hello}, or {@code handshake type 99}. */
    static String handshakeType(int code) {
        return HandshakeType.fromCode(code).map(HandshakeType::rfcName)
                .orElse(OTHER_HANDSHAKE_TYPES.getOrDefault(code, "handshake type " + code));
    }

    static String alertLevel(int level) {
        return switch (level) {
            case 1 -> "warning";
            case 2 -> "fatal";
            default -> "level " + level + ", neither warning (1) nor fatal (2)";
        };
    }

    static String alertDescription(int description) {
        return Alert.fromCode(description).map(Alert::rfcName).orElse("alert " + description + ", not in RFC 8446");
    }

    /** GREASE (RFC 8701): the values 0x0a0a, 0x1a1a, ... 0xfafa that clients send to keep servers tolerant. */
    private static String unnamed(int code) {
        boolean grease = (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff);
        return grease ? " GREASE" : "";
    }
}
