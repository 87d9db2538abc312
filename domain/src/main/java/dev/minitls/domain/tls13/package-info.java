/**
 * TLS 1.3's handshake messages (RFC 8446 section 4) as plain values: what a ClientHello, a ServerHello or a
 * Certificate holds, field by field, with each extension a typed value. No bytes are read or written here: the
 * binary codec ({@code dev.minitls.transport.tls13}) turns these values into the exact wire bytes and back.
 *
 * <p>Code points (cipher suites, groups, signature schemes) are small records over their 16-bit numbers, so that a
 * peer's offer of something minitls does not know survives decoding and re-encoding unchanged; the ones minitls
 * knows have a name.
 */
package dev.minitls.domain.tls13;
