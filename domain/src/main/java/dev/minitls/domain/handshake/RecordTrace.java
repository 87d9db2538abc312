package dev.minitls.domain.handshake;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.trace.TracedRecord;
import java.util.Optional;

/**
 * The record a piece of content went out or came in, for observers; it is made only when someone observes, not
 * for every record of every session. The nonce is taken at once: the record keys may be destroyed (the session
 * closed by another thread) before anyone looks.
 */
@FunctionalInterface
interface RecordTrace {

    /** Content sent or received in clear, before keys exist: no record. */
    RecordTrace IN_CLEAR = Optional::empty;

    Optional<TracedRecord> traced();

    /**
     * A record's sequence number, its nonce, its ciphertext with the tag, and the plaintext the AEAD protects (in v2
     * the content followed by its content-type byte).
     */
    static RecordTrace of(ApplicationRecord record, byte[] nonce, byte[] plaintext) {
        return () -> Optional.of(new TracedRecord(record.sequence(), Secret.of(nonce), record.ciphertext(),
                plaintext));
    }
}
