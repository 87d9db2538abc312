package dev.minitls.domain.handshake;

import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import java.io.ByteArrayOutputStream;

/**
 * TLS 1.3's transcript (RFC 8446 section 4.4.1): the exact bytes of the handshake messages, headers included, in
 * the order sent or received, hashed with the suite's hash. The client sends its ClientHello before it knows the
 * suite, so the messages are kept until a hash is first asked for; from then on each message is hashed as it is
 * added, with that hash alone. A HelloRetryRequest replaces the first ClientHello with a synthetic message_hash
 * message holding its hash.
 */
final class Tls13Transcript {

    /** The message_hash handshake type (section 4.4.1), never sent, only hashed. */
    private static final int MESSAGE_HASH = 254;

    private final CryptoProvider crypto;
    /** The messages added before the first hash was asked for. */
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    /** Once a hash was asked for: every message added, hashed with {@link #algorithm}. */
    private HashContext hashed;
    /** The hash first asked for, the only one from then on (a HelloRetryRequest included). */
    private HashAlgorithm algorithm;

    Tls13Transcript(CryptoProvider crypto) {
        this.crypto = crypto;
    }

    /** Adds one message's exact bytes. */
    void add(byte[] message) {
        if (hashed == null) {
            messages.writeBytes(message);
        } else {
            hashed.update(message);
        }
    }

    /**
     * The hash of every message added so far.
     *
     * @throws IllegalStateException when an earlier hash was asked for with another algorithm: a handshake hashes
     *     its transcript with its suite's hash alone
     */
    byte[] hash(HashAlgorithm algorithm) {
        if (this.algorithm != null && algorithm != this.algorithm) {
            throw new IllegalStateException("the transcript is hashed with " + this.algorithm + ", not " + algorithm);
        }
        if (hashed == null) {
            hashed = crypto.hash(algorithm);
            this.algorithm = algorithm;
            hashed.update(messages.toByteArray());
            messages.reset();
        }
        return hashed.digestSoFar();
    }

    /**
     * After a HelloRetryRequest: the first ClientHello, the only message so far, becomes message_hash (type 254, a
     * 3-byte length, Hash(ClientHello1)).
     */
    void replaceWithMessageHash(HashAlgorithm algorithm) {
        byte[] clientHello1 = hash(algorithm);
        hashed = null;
        messages.write(MESSAGE_HASH);
        messages.write(0);
        messages.write(0);
        messages.write(clientHello1.length);
        messages.writeBytes(clientHello1);
    }
}
