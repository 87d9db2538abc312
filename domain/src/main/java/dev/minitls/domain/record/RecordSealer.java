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
public final class RecordSealer extends RecordCipher {

    private long nextSequence;

    public RecordSealer(CryptoProvider crypto, TrafficKeys keys, RecordFormat format) {
        this(crypto, keys, format, RecordLimits.MAX_RECORDS_PER_KEY);
    }

    /** With a lower limit than {@link RecordLimits#MAX_RECORDS_PER_KEY}, so that tests can reach it. */
    RecordSealer(CryptoProvider crypto, TrafficKeys keys, RecordFormat format, long limit) {
        super(crypto, keys, format, limit);
    }

    /** How many more records this key may seal. */
    public long remaining() {
        return limit - nextSequence;
    }

    /**
     * Encrypts one record's plaintext: at most {@link RecordLimits#MAX_PLAINTEXT} bytes of content, plus the
     * content-type byte in protocol v2.
     */
    public synchronized ApplicationRecord seal(byte[] plaintext) {
        if (plaintext.length > format.maxPlaintext()) {
            throw new IllegalArgumentException("a record holds at most " + format.maxPlaintext()
                    + " bytes of plaintext, got " + plaintext.length);
        }
        if (remaining() <= 0) {
            throw new ProtocolException(Failure.SEQUENCE_EXHAUSTED,
                    "sent " + nextSequence + " records under one key; the connection must close");
        }
        long sequence = nextSequence++;
        byte[] ciphertext = aead.seal(nonce(sequence),
                format.associatedData(sequence, plaintext.length + Aead.TAG_LENGTH), plaintext);
        return new ApplicationRecord(sequence, ciphertext);
    }
}
