package dev.minitls.domain.tls13;

import java.util.List;
import java.util.Objects;

/**
 * The client's opening message (RFC 8446 section 4.1.2).
 *
 * @param legacyVersion 0x0303 from a TLS 1.3 client; the real versions are in supported_versions
 * @param random 32 random bytes
 * @param legacySessionId 0 to 32 bytes; a TLS 1.3 client sends 32 random ones for middleboxes' sake
 * @param cipherSuites the suites offered, in the client's order of preference
 * @param legacyCompressionMethods exactly one zero byte in TLS 1.3 (checked by the handshake, not the codec)
 * @param extensions the extensions, in the order sent
 */
public record ClientHello(int legacyVersion, byte[] random, byte[] legacySessionId, List<CipherSuite> cipherSuites,
        byte[] legacyCompressionMethods, List<Extension> extensions) implements HandshakeMessage {

    public ClientHello {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(legacySessionId, "legacySessionId");
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(legacyCompressionMethods, "legacyCompressionMethods");
        extensions = List.copyOf(extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }
}
