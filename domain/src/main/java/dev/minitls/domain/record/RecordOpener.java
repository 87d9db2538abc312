package dev.minitls.domain.record;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;

/**
 * Decrypts incoming records for one direction. A record whose sequence number is not exactly the next one is
 * rejected before any decryption (the original program only warned and decrypted anyway), so a replayed, dropped
 * or reordered record ends the connection; so is one beyond {@link RecordLimits#MAX_RECORDS_PER_KEY}, which no
 * sender may seal under one key. Not thread-safe: one receiver at a time.
 */
public final class RecordOpener extends RecordCipher {

    private long expectedSequence;

    public RecordOpener(CryptoProvider crypto, TrafficKeys keys, RecordFormat format) {
        this(crypto, keys, format, RecordLimits.MAX_RECORDS_PER_KEY);
    }

    /** With a lower limit than {@link RecordLimits#MAX_RECORDS_PER_KEY}, so that tests can reach it. */
    RecordOpener(CryptoProvider crypto, TrafficKeys keys, RecordFormat format, long limit) {
        super(crypto, keys, format, limit);
    }

    /** The record's plaintext, or a {@link ProtocolException} when the record is not exactly the next valid one. */
    public synchronized byte[] open(ApplicationRecord record) {
        if (record.sequence() != expectedSequence) {
            throw new ProtocolException(Failure.UNEXPECTED_SEQUENCE,
                    "sequence number " + record.sequence() + " where " + expectedSequence + " was expected");
        }
        if (expectedSequence >= limit) {
            throw new ProtocolException(Failure.UNEXPECTED_SEQUENCE, "record " + expectedSequence
                    + " is beyond the limit of " + limit + " records under one key");
        }
        int maxCiphertext = format.maxPlaintext() + Aead.TAG_LENGTH;
        if (record.ciphertext().length > maxCiphertext) {
            throw new ProtocolException(Failure.RECORD_OVERFLOW, "ciphertext of " + record.ciphertext().length
                    + " bytes; at most " + maxCiphertext + " allowed");
        }
        if (record.ciphertext().length < Aead.TAG_LENGTH) {
            throw new ProtocolException(Failure.BAD_RECORD_MAC,
                    "ciphertext of " + record.ciphertext().length + " bytes is shorter than the tag");
        }
        try {
            byte[] plaintext = aead.open(nonce(expectedSequence),
                    format.associatedData(expectedSequence, record.ciphertext().length), record.ciphertext());
            expectedSequence++;
            return plaintext;
        } catch (CryptoException e) {
            throw new ProtocolException(Failure.BAD_RECORD_MAC,
                    "record " + record.sequence() + " failed authentication");
        }
    }
}
