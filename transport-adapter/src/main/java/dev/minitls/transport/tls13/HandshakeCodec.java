package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.tls13.CertificateMessage;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.EncryptedExtensions;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.HandshakeType;
import dev.minitls.domain.tls13.KeyUpdate;
import dev.minitls.domain.tls13.NewSessionTicket;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.tls13.SignatureScheme;
import dev.minitls.transport.tls13.ExtensionCodec.Context;
import java.util.List;

/**
 * TLS 1.3 handshake messages and their exact bytes (RFC 8446 section 4): a 4-byte header (the type, then the
 * body's length in 3 bytes) and the body. Encoding is deterministic and decoding keeps every byte (extensions in
 * their order, unknown ones whole), so that a decoded message encodes to the bytes it came from, the bytes the
 * transcript hashes.
 */
public final class HandshakeCodec {

    /** The 4-byte header: msg_type and a 3-byte length. */
    public static final int HEADER_LENGTH = 4;

    private static final int RANDOM_LENGTH = 32;
    private static final int MAX_SESSION_ID = 32;

    /** The exact bytes of {@code message}, header included. */
    public byte[] encode(HandshakeMessage message) {
        WireWriter body = new WireWriter();
        if (message instanceof ClientHello hello) {
            body.u16(hello.legacyVersion()).bytes(fixed(hello.random(), RANDOM_LENGTH, "random"))
                    .opaque(1, hello.legacySessionId())
                    .vector(2, list -> hello.cipherSuites().forEach(suite -> list.u16(suite.code())))
                    .opaque(1, hello.legacyCompressionMethods());
            ExtensionCodec.write(body, hello.extensions());
        } else if (message instanceof ServerHello hello) {
            body.u16(hello.legacyVersion()).bytes(fixed(hello.random(), RANDOM_LENGTH, "random"))
                    .opaque(1, hello.legacySessionIdEcho()).u16(hello.cipherSuite().code())
                    .u8(hello.legacyCompressionMethod());
            ExtensionCodec.write(body, hello.extensions());
        } else if (message instanceof EncryptedExtensions encrypted) {
            ExtensionCodec.write(body, encrypted.extensions());
        } else if (message instanceof CertificateMessage certificate) {
            body.opaque(1, certificate.requestContext()).vector(3, list -> certificate.entries().forEach(entry -> {
                list.opaque(3, entry.der());
                ExtensionCodec.write(list, entry.extensions());
            }));
        } else if (message instanceof CertificateVerify verify) {
            body.u16(verify.scheme().code()).opaque(2, verify.signature());
        } else if (message instanceof Finished finished) {
            body.bytes(finished.verifyData());
        } else if (message instanceof NewSessionTicket ticket) {
            body.u32(ticket.lifetimeSeconds()).u32(ticket.ageAdd()).opaque(1, ticket.nonce())
                    .opaque(2, ticket.ticket());
            ExtensionCodec.write(body, ticket.extensions());
        } else {
            body.u8(((KeyUpdate) message).updateRequested() ? 1 : 0);
        }
        return new WireWriter().u8(message.type().code()).opaque(3, body.toByteArray()).toByteArray();
    }

    /**
     * Decodes exactly one handshake message, header included. A type minitls does not read is
     * {@code unexpected_message}; a length that does not match the bytes, or a field outside its bounds, is
     * {@code decode_error}; a duplicated extension or one the message may not carry is {@code illegal_parameter}.
     */
    public HandshakeMessage decode(byte[] message) {
        WireReader header = new WireReader("handshake message", message);
        int code = header.u8("msg_type");
        HandshakeType type = HandshakeType.fromCode(code).orElseThrow(() -> new ProtocolException(
                Failure.UNEXPECTED_MESSAGE, "handshake message of type " + code + ", which minitls does not read"));
        byte[] bytes = header.opaque("body", 3, 0, 0xFFFFFF);
        header.expectEnd("the message");
        WireReader body = new WireReader(name(type), bytes);
        HandshakeMessage decoded = switch (type) {
            case CLIENT_HELLO -> clientHello(body);
            case SERVER_HELLO -> serverHello(body);
            case ENCRYPTED_EXTENSIONS -> new EncryptedExtensions(
                    ExtensionCodec.read(body, Context.ENCRYPTED_EXTENSIONS));
            case CERTIFICATE -> certificate(body);
            case CERTIFICATE_VERIFY -> new CertificateVerify(new SignatureScheme(body.u16("algorithm")),
                    body.opaque("signature", 2, 0, 0xFFFF));
            case FINISHED -> new Finished(body.fixed("verify_data", bytes.length));
            case NEW_SESSION_TICKET -> newSessionTicket(body);
            case KEY_UPDATE -> keyUpdate(body);
        };
        body.expectEnd("the " + name(type));
        return decoded;
    }

    private static ClientHello clientHello(WireReader body) {
        int legacyVersion = body.u16("legacy_version");
        byte[] random = body.fixed("random", RANDOM_LENGTH);
        byte[] sessionId = body.opaque("legacy_session_id", 1, 0, MAX_SESSION_ID);
        List<CipherSuite> suites = body.vector("cipher_suites", 2, 2, 0xFFFE, 2)
                .each(in -> new CipherSuite(in.u16("cipher suite")));
        byte[] compression = body.opaque("legacy_compression_methods", 1, 1, 255);
        return new ClientHello(legacyVersion, random, sessionId, suites, compression,
                ExtensionCodec.read(body, Context.CLIENT_HELLO));
    }

    private static ServerHello serverHello(WireReader body) {
        int legacyVersion = body.u16("legacy_version");
        byte[] random = body.fixed("random", RANDOM_LENGTH);
        byte[] sessionId = body.opaque("legacy_session_id_echo", 1, 0, MAX_SESSION_ID);
        CipherSuite suite = new CipherSuite(body.u16("cipher_suite"));
        int compression = body.u8("legacy_compression_method");
        // The random alone tells a HelloRetryRequest, whose extensions take other forms (section 4.1.4).
        Context context = ServerHello.isHelloRetryRequestRandom(random)
                ? Context.HELLO_RETRY_REQUEST : Context.SERVER_HELLO;
        return new ServerHello(legacyVersion, random, sessionId, suite, compression,
                ExtensionCodec.read(body, context));
    }

    private static CertificateMessage certificate(WireReader body) {
        byte[] context = body.opaque("certificate_request_context", 1, 0, 255);
        List<CertificateMessage.Entry> entries = body.vector("certificate_list", 3, 0, 0xFFFFFF, 1)
                .each(in -> new CertificateMessage.Entry(in.opaque("cert_data", 3, 1, 0xFFFFFF),
                        ExtensionCodec.read(in, Context.CERTIFICATE_ENTRY)));
        return new CertificateMessage(context, entries);
    }

    private static NewSessionTicket newSessionTicket(WireReader body) {
        long lifetime = body.u32("ticket_lifetime");
        long ageAdd = body.u32("ticket_age_add");
        byte[] nonce = body.opaque("ticket_nonce", 1, 0, 255);
        byte[] ticket = body.opaque("ticket", 2, 1, 0xFFFF);
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket,
                ExtensionCodec.read(body, Context.NEW_SESSION_TICKET));
    }

    /** request_update is update_not_requested (0) or update_requested (1); anything else is illegal_parameter. */
    private static KeyUpdate keyUpdate(WireReader body) {
        int request = body.u8("request_update");
        if (request > 1) {
            throw body.illegal("request_update is " + request + ", not 0 or 1");
        }
        return new KeyUpdate(request == 1);
    }

    private static byte[] fixed(byte[] value, int length, String field) {
        if (value.length != length) {
            throw new IllegalArgumentException(field + " must be " + length + " bytes, got " + value.length);
        }
        return value;
    }

    private static String name(HandshakeType type) {
        return switch (type) {
            case CLIENT_HELLO -> "ClientHello";
            case SERVER_HELLO -> "ServerHello";
            case NEW_SESSION_TICKET -> "NewSessionTicket";
            case ENCRYPTED_EXTENSIONS -> "EncryptedExtensions";
            case CERTIFICATE -> "Certificate";
            case CERTIFICATE_VERIFY -> "CertificateVerify";
            case FINISHED -> "Finished";
            case KEY_UPDATE -> "KeyUpdate";
        };
    }
}
