package dev.minitls.domain.tls13;

import java.util.Map;

/** A cipher suite (RFC 8446 section B.4), known or not: a ClientHello may offer suites minitls has never heard of. */
public record CipherSuite(int code) {

    public static final CipherSuite TLS_AES_128_GCM_SHA256 = new CipherSuite(0x1301);
    public static final CipherSuite TLS_AES_256_GCM_SHA384 = new CipherSuite(0x1302);
    public static final CipherSuite TLS_CHACHA20_POLY1305_SHA256 = new CipherSuite(0x1303);

    private static final Map<Integer, String> NAMES = Map.of(
            0x1301, "TLS_AES_128_GCM_SHA256",
            0x1302, "TLS_AES_256_GCM_SHA384",
            0x1303, "TLS_CHACHA20_POLY1305_SHA256");

    public CipherSuite {
        CodePoints.uint16("a cipher suite", code);
    }

    /** The RFC name, e.g. {@code TLS_AES_128_GCM_SHA256}, or {@code 0x00ff} for a suite minitls does not know. */
    public String name() {
        return CodePoints.name(NAMES, code);
    }

    @Override
    public String toString() {
        return name();
    }
}
