package dev.minitls.domain.handshake;

import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import java.io.ByteArrayOutputStream;

/**
 * TLS 1.3's transcript (RFC 8446 section 4.4.1): the exact bytes of the handshake messages, headers included, in
 * the order sent or received, hashed with the suite's hash. The client sends its ClientHello before it knows the
 * suite, so the messages are kept and hashed when a hash is asked for (a dozen messages, a few kilobytes). A
 * HelloRetryRequest replaces the first ClientHello with a synthetic message_hash message holding its hash.
 */
final class Tls13Transcript {

    /** The message_hash handshake type (section 4.4.1), never sent, only hashed. */
    private static final int MESSAGE_HASH = 254;

    private final CryptoProvider crypto;
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    Tls13Transcript(CryptoProvider crypto) {
        this.crypto = crypto;
    }

    /** Adds one message's exact bytes. */
    void add(byte[] message) {
        messages.writeBytes(message);
    }

    /** The hash of every message added so far. */
    byte[] hash(HashAlgorithm algorithm) {
        HashContext context = crypto.hash(algorithm);
        context.update(messages.toByteArray());
        return context.digestSoFar();
    }

    /**
     * After a HelloRetryRequest: the first ClientHello, the only message so far, becomes message_hash (type 254, a
     * 3-byte length, Hash(ClientHello1)).
     */
    void replaceWithMessageHash(HashAlgorithm algorithm) {
        byte[] clientHello1 = hash(algorithm);
        messages.reset();
        messages.write(MESSAGE_HASH);
        messages.write(0);
        messages.write(0);
        messages.write(clientHello1.length);
        messages.writeBytes(clientHello1);
    }
}
