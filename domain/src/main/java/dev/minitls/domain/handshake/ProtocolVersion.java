package dev.minitls.domain.handshake;

import java.util.EnumSet;
import java.util.Set;

/**
 * The protocols minitls speaks (docs/PROTOCOL.md): the two JSON-lines protocols, v1 and v2, and real TLS 1.3 on
 * the wire. v1 and v2 are run by {@link ClientHandshake}/{@link ServerHandshake} and give a {@link SecureChannel};
 * tls13 by {@link Tls13ClientHandshake}/{@link Tls13ServerHandshake} and gives a {@link Tls13Session}. Both are a
 * {@link SecureSession}.
 */
public enum ProtocolVersion {
    /** The seed's protocol, byte-compatible with the original Python program. */
    V1,
    /** The seed's steps hardened the way TLS 1.3 does it. */
    V2,
    /** TLS 1.3 as RFC 8446 puts it on the wire. */
    TLS13;

    /** {@code v1}, {@code v2} or {@code tls13}, as the command line and the documents write it. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for v1 and v2, the protocols of JSON lines (a peer's first byte is <code>&#123;</code>). */
    public boolean jsonLines() {
        return this != TLS13;
    }

    /** v1 and v2, the JSON-lines protocols. */
    public static Set<ProtocolVersion> jsonLinesProtocols() {
        return EnumSet.of(V1, V2);
    }
}
