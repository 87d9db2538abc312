package dev.minitls.domain.tls13;

import java.util.List;

/** The server's extensions that need no key exchange, sent under the handshake keys (RFC 8446 section 4.3.1). */
public record EncryptedExtensions(List<Extension> extensions) implements HandshakeMessage {

    public EncryptedExtensions {
        extensions = List.copyOf(extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }
}
