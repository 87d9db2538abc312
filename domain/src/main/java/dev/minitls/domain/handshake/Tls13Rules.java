package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.port.Tls13Records.HandshakeIn;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.HandshakeType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** What both sides of a TLS 1.3 handshake check and build the same way. */
final class Tls13Rules {

    /** The context string of a server's CertificateVerify (RFC 8446 section 4.4.3). */
    private static final byte[] SERVER_CONTEXT = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private Tls13Rules() {
    }

    /** The extension of {@code kind}, which {@code what} must carry: {@code missing_extension} otherwise. */
    static <T extends Extension> T require(List<Extension> extensions, Class<T> kind, String what) {
        return Extension.find(extensions, kind).orElseThrow(() -> new ProtocolException(Failure.MISSING_EXTENSION,
                what + " without " + kind.getSimpleName()));
    }

    /**
     * Refuses any extension but those {@code allowed} in a message that answers ours: we offered only those, and an
     * extension we did not offer is {@code unsupported_extension} (section 4.2).
     */
    static void onlyOffered(List<Extension> extensions, Set<Class<? extends Extension>> allowed, String what) {
        for (Extension extension : extensions) {
            if (allowed.stream().noneMatch(kind -> kind.isInstance(extension))) {
                throw new ProtocolException(Failure.UNSUPPORTED_EXTENSION,
                        what + " carries " + describe(extension) + ", which was not offered");
            }
        }
    }

    /** A handshake message, when the handshake expects one of {@code type} now, or {@code unexpected_message}. */
    static HandshakeIn handshake(Tls13Records.Incoming incoming, HandshakeType type) {
        if (!(incoming instanceof HandshakeIn handshake)) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                    "expected " + type.rfcName() + ", got " + incoming.getClass().getSimpleName());
        }
        return handshake;
    }

    /** The message the handshake expects now, or {@code unexpected_message}. */
    static <T extends HandshakeMessage> T expect(HandshakeMessage message, Class<T> kind, HandshakeType type) {
        if (!kind.isInstance(message)) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                    "expected " + type.rfcName() + ", got " + message.type().rfcName());
        }
        return kind.cast(message);
    }

    /**
     * What a server's CertificateVerify signs (section 4.4.3): 64 spaces, the context string, a zero byte, and the
     * transcript hash through the Certificate.
     */
    static byte[] serverCertificateVerifyContent(byte[] transcriptHash) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            content.write(0x20);
        }
        content.writeBytes(SERVER_CONTEXT);
        content.write(0);
        content.writeBytes(transcriptHash);
        return content.toByteArray();
    }

    private static String describe(Extension extension) {
        return extension instanceof Extension.Unknown unknown
                ? "extension " + unknown.type() : extension.getClass().getSimpleName();
    }
}
