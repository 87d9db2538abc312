/**
 * TLS 1.3 on the wire (RFC 8446): the binary codec of the handshake messages modelled in
 * {@code dev.minitls.domain.tls13}, and the record layer's framing: the 5-byte record headers, the handshake
 * messages split across records or coalesced in one, the inner plaintext with its content type and padding, and
 * the AEAD protection of each record through the domain's {@link dev.minitls.domain.port.Aead} port.
 *
 * <p>Decoding is strict and total: every length is checked against the bytes that are there and the bounds the RFC
 * gives, and anything but a well-formed message is a {@link dev.minitls.domain.error.ProtocolException} with the
 * alert section 6 names ({@code decode_error} for a bad length, {@code illegal_parameter} for a duplicated
 * extension, ...), never another exception.
 */
package dev.minitls.transport.tls13;
