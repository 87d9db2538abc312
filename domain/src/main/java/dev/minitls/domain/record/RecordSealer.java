package dev.minitls.domain.record;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoProvider;

/**
 * Encrypts outgoing records for one direction (seed step 15): AES-256-GCM with nonce = IV XOR sequence number,
 * the sequence number starting at 0 and going up by one per record. Not thread-safe: one sender at a time.
 */
public final class RecordSealer {

    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    private final Aead aead;
    private final byte[] iv;
    private long nextSequence;

    public RecordSealer(CryptoProvider crypto, TrafficKeys keys) {
        this.aead = crypto.aes256Gcm(keys.key().bytes());
        this.iv = keys.iv().bytes();
    }

    /** Encrypts one record's plaintext, at most {@link RecordLimits#MAX_PLAINTEXT} bytes. */
    public ApplicationRecord seal(byte[] plaintext) {
        if (plaintext.length > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a record holds at most " + RecordLimits.MAX_PLAINTEXT
                    + " bytes of plaintext, got " + plaintext.length);
        }
        if (nextSequence >= RecordLimits.MAX_RECORDS_PER_KEY) {
            throw new ProtocolException(Failure.SEQUENCE_EXHAUSTED,
                    "sent " + nextSequence + " records under one key; the connection must close");
        }
        long sequence = nextSequence++;
        byte[] ciphertext = aead.seal(Nonces.forSequence(iv, sequence), NO_ASSOCIATED_DATA, plaintext);
        return new ApplicationRecord(sequence, ciphertext);
    }
}
