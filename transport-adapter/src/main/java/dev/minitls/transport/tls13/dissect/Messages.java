package dev.minitls.transport.tls13.dissect;

import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.tls13.HandshakeType;
import dev.minitls.domain.tls13.ServerHello;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Handshake messages field by field (RFC 8446 section 4), with the names the RFC gives each field. Every message
 * minitls reads is dissected whole, its extensions each decoded in the form of the message it is in; a message of
 * another type is shown as its header and raw body.
 */
final class Messages {

    private static final int RANDOM_LENGTH = 32;
    private static final int MAX_SESSION_ID = 32;

    /** The messages that carry extensions, each of which gives some extensions a form of their own. */
    private enum In { CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST, ENCRYPTED_EXTENSIONS, CERTIFICATE,
        CERTIFICATE_REQUEST, NEW_SESSION_TICKET }

    private Messages() {
    }

    /** Dissects the one whole handshake message {@code in} holds (header included) into a field of its own. */
    static Field message(Cursor in) {
        int type = in.peekNumber(0, 1);
        Cursor message = in.structure(title(type), in.remaining(), "handshake message");
        message.u8("msg_type", code -> code + " " + Names.handshakeType(code));
        int length = message.u24("length", value -> value + " bytes");
        if (length != message.remaining()) {
            throw message.error(message.offset() - 3, "the message's length says " + length
                    + " bytes, its body is " + message.remaining());
        }
        Optional<HandshakeType> known = HandshakeType.fromCode(type);
        if (known.isEmpty()) {
            if (type == 13) {
                certificateRequest(message);
            } else {
                message.rest("body", "not dissected: minitls does not read this message");
            }
            return message.into();
        }
        switch (known.get()) {
            case CLIENT_HELLO -> clientHello(message);
            case SERVER_HELLO -> serverHello(message);
            case ENCRYPTED_EXTENSIONS -> extensions(message, In.ENCRYPTED_EXTENSIONS);
            case CERTIFICATE -> certificate(message);
            case CERTIFICATE_VERIFY -> {
                message.u16("algorithm", Names::scheme);
                message.opaque("signature", 2, 0, 0xFFFF, bytes -> "");
            }
            case FINISHED -> message.rest("verify_data", "HMAC over the transcript hash, with the finished key");
            case NEW_SESSION_TICKET -> newSessionTicket(message);
            case KEY_UPDATE -> message.u8("request_update", value -> switch (value) {
                case 0 -> "update_not_requested";
                case 1 -> "update_requested";
                default -> throw message.error("request_update is " + value
                        + ", not 0 or 1");
            });
        }
        message.expectEnd("the " + title(type));
        return message.into();
    }

    /** The message's name as the RFC writes it, e.g. {@code ClientHello}. */
    private static String title(int type) {
        return switch (type) {
            case 1 -> "ClientHello";
            case 2 -> "ServerHello";
            case 4 -> "NewSessionTicket";
            case 5 -> "EndOfEarlyData";
            case 8 -> "EncryptedExtensions";
            case 11 -> "Certificate";
            case 13 -> "CertificateRequest";
            case 15 -> "CertificateVerify";
            case 20 -> "Finished";
            case 24 -> "KeyUpdate";
            default -> "Handshake message of type " + type;
        };
    }

    private static void clientHello(Cursor body) {
        body.u16("legacy_version", Names::version);
        body.fixed("random", RANDOM_LENGTH, "32 random bytes");
        body.opaque("legacy_session_id", 1, 0, MAX_SESSION_ID, bytes -> "");
        body.list("cipher_suites", 2, 2, 0xFFFE, 2, in -> in.u16("cipher_suite", Names::suite));
        body.list("legacy_compression_methods", 1, 1, 255, 1,
                in -> in.u8("compression_method", value -> value == 0 ? "null" : "method " + value));
        extensions(body, In.CLIENT_HELLO);
    }

    private static void serverHello(Cursor body) {
        body.u16("legacy_version", Names::version);
        byte[] random = body.fixed("random", RANDOM_LENGTH, bytes -> ServerHello.isHelloRetryRequestRandom(bytes)
                ? "SHA-256(\"HelloRetryRequest\"): this ServerHello is a HelloRetryRequest" : "32 random bytes");
        boolean retry = ServerHello.isHelloRetryRequestRandom(random);
        body.opaque("legacy_session_id_echo", 1, 0, MAX_SESSION_ID, bytes -> "");
        body.u16("cipher_suite", Names::suite);
        body.u8("legacy_compression_method", value -> value == 0 ? "null" : "method " + value);
        extensions(body, retry ? In.HELLO_RETRY_REQUEST : In.SERVER_HELLO);
    }

    private static void certificate(Cursor body) {
        body.opaque("certificate_request_context", 1, 0, 255, bytes -> "");
        body.vector("certificate_list", 3, 0, 0xFFFFFF, "").each(list -> {
            int certLength = list.peekNumber(0, 3);
            int extensionsLength = certLength < 0 ? -1 : list.peekNumber(3 + certLength, 2);
            Cursor entry = list.structure("CertificateEntry", extensionsLength < 0 ? list.remaining()
                    : Math.min(list.remaining(), 3 + certLength + 2 + extensionsLength), "");
            entry.opaque("cert_data", 3, 1, 0xFFFFFF, bytes -> "an X.509 certificate (DER)");
            extensions(entry, In.CERTIFICATE);
        });
    }

    private static void certificateRequest(Cursor body) {
        body.opaque("certificate_request_context", 1, 0, 255, bytes -> "");
        extensions(body, In.CERTIFICATE_REQUEST);
        body.expectEnd("the CertificateRequest");
    }

    private static void newSessionTicket(Cursor body) {
        body.u32("ticket_lifetime", value -> value + " seconds");
        body.u32("ticket_age_add", value -> "");
        body.opaque("ticket_nonce", 1, 0, 255, bytes -> "");
        body.opaque("ticket", 2, 1, 0xFFFF, bytes -> "opaque to the client");
        extensions(body, In.NEW_SESSION_TICKET);
    }

    private static void extensions(Cursor body, In message) {
        body.vector("extensions", 2, 0, 0xFFFF, "").each(block -> {
            int type = block.peekNumber(0, 2);
            Cursor extension = block.prefixed(Names.extensionName(type), 4, 2, "");
            extension.u16("extension_type", Names::extension);
            Cursor data = extension.vector("extension_data", 2, 0, 0xFFFF, "");
            extensionData(data, type, message);
            data.expectEnd(Names.extensionName(type));
        });
    }

    private static void extensionData(Cursor data, int type, In message) {
        switch (type) {
            case 0 -> serverName(data, message);
            case 10 -> data.list("named_group_list", 2, 2, 0xFFFF, 2, in -> in.u16("named_group", Names::group));
            case 13, 50 -> data.list("supported_signature_algorithms", 2, 2, 0xFFFE, 2,
                    in -> in.u16("signature_scheme", Names::scheme));
            case 16 -> data.vector("protocol_name_list", 2, 2, 0xFFFF, "").each(list -> {
                list.opaque("protocol_name", 1, 1, 255, Messages::text);
            });
            case 28 -> data.u16("record_size_limit", value -> value + " bytes");
            case 42 -> {
                if (message == In.NEW_SESSION_TICKET) {
                    data.u32("max_early_data_size", value -> value + " bytes");
                }
            }
            case 43 -> {
                if (message == In.CLIENT_HELLO) {
                    data.list("versions", 1, 2, 254, 2, in -> in.u16("version", Names::version));
                } else {
                    data.u16("selected_version", Names::version);
                }
            }
            case 44 -> data.opaque("cookie", 2, 1, 0xFFFF, bytes -> "");
            case 45 -> data.list("ke_modes", 1, 1, 255, 1, in -> in.u8("ke_mode", value -> switch (value) {
                case 0 -> "psk_ke";
                case 1 -> "psk_dhe_ke";
                default -> "mode " + value;
            }));
            case 51 -> keyShare(data, message);
            default -> {
                if (data.hasMore()) {
                    data.rest("data", "not dissected");
                }
            }
        }
    }

    /** server_name: in a ClientHello the list of names (RFC 6066), in a server's message empty. */
    private static void serverName(Cursor data, In message) {
        if (message != In.CLIENT_HELLO) {
            return;
        }
        data.vector("server_name_list", 2, 1, 0xFFFF, "").each(list -> {
            int nameType = list.u8("name_type", value -> value == 0 ? "host_name" : "name type " + value);
            list.opaque(nameType == 0 ? "host_name" : "name", 2, 1, 0xFFFF, Messages::text);
        });
    }

    /** key_share: the client's list of entries, the server's one entry, or the HelloRetryRequest's group. */
    private static void keyShare(Cursor data, In message) {
        switch (message) {
            case SERVER_HELLO -> keyShareEntry(data);
            case HELLO_RETRY_REQUEST -> data.u16("selected_group", Names::group);
            default -> data.vector("client_shares", 2, 0, 0xFFFF, "").each(Messages::keyShareEntry);
        }
    }

    private static void keyShareEntry(Cursor in) {
        int group = in.peekNumber(0, 2);
        Cursor entry = in.prefixed("KeyShareEntry", 4, 2, group < 0 ? "" : Names.group(group));
        entry.u16("group", Names::group);
        entry.opaque("key_exchange", 2, 1, 0xFFFF, bytes -> "the public key share");
    }

    /** A peer's text, quoted and escaped: printable ASCII as it is, anything else escaped. */
    private static String text(byte[] bytes) {
        return PeerText.quote(new String(bytes, StandardCharsets.ISO_8859_1));
    }
}
