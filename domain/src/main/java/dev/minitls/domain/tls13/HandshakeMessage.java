package dev.minitls.domain.tls13;

/** A TLS 1.3 handshake message (RFC 8446 section 4), before encoding. */
public sealed interface HandshakeMessage
        permits ClientHello, ServerHello, EncryptedExtensions, CertificateMessage, CertificateVerify, Finished,
        NewSessionTicket, KeyUpdate {

    /** The version number of TLS 1.3, as supported_versions carries it. */
    int TLS_1_3 = 0x0304;

    /** The version number of TLS 1.2: what a TLS 1.3 hello's legacy_version says (section 4.1.2). */
    int TLS_1_2 = 0x0303;

    HandshakeType type();
}
