package dev.minitls.domain.tls13;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The server's answer to a ClientHello (RFC 8446 section 4.1.3), or a HelloRetryRequest: the same structure with a
 * special random, asking the client for a second ClientHello (section 4.1.4).
 *
 * @param legacyVersion 0x0303 from a TLS 1.3 server
 * @param random 32 random bytes, or {@link #HELLO_RETRY_REQUEST_RANDOM}
 * @param legacySessionIdEcho the client's legacy_session_id, echoed
 * @param cipherSuite the suite chosen
 * @param legacyCompressionMethod 0 in TLS 1.3
 * @param extensions the extensions, in the order sent
 */
public record ServerHello(int legacyVersion, byte[] random, byte[] legacySessionIdEcho, CipherSuite cipherSuite,
        int legacyCompressionMethod, List<Extension> extensions) implements HandshakeMessage {

    /** SHA-256("HelloRetryRequest"): the random that makes a ServerHello a HelloRetryRequest. */
    private static final byte[] HELLO_RETRY_REQUEST_RANDOM = HexFormat.of()
            .parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    public ServerHello {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(legacySessionIdEcho, "legacySessionIdEcho");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        extensions = List.copyOf(extensions);
    }

    /** The random of every HelloRetryRequest (a copy). */
    public static byte[] helloRetryRequestRandom() {
        return HELLO_RETRY_REQUEST_RANDOM.clone();
    }

    /** True when this is a HelloRetryRequest: its random is the special value of section 4.1.3. */
    public boolean isHelloRetryRequest() {
        return isHelloRetryRequestRandom(random);
    }

    /** True when {@code random} is the special value that makes a ServerHello a HelloRetryRequest. */
    public static boolean isHelloRetryRequestRandom(byte[] random) {
        return Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }
}
