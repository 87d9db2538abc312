package dev.minitls.domain.handshake;

import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.trace.TraceValue;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The record a piece of content went out or came in, as trace values; they are made only when someone observes,
 * not for every record of every session.
 */
@FunctionalInterface
interface RecordTrace {

    /** Content sent or received in clear, before keys exist: no record. */
    RecordTrace IN_CLEAR = List::of;

    List<TraceValue> values();

    /**
     * A record's sequence number, its nonce (as secret as the IV it hides), its ciphertext with the tag, and the
     * plaintext the AEAD protects (in v2 the content followed by its content-type byte).
     */
    static RecordTrace of(ApplicationRecord record, LongFunction<byte[]> nonces, byte[] plaintext) {
        return () -> List.of(TraceValue.text("record seq", Long.toString(record.sequence())),
                TraceValue.secret("record nonce", nonces.apply(record.sequence())),
                TraceValue.open("record ciphertext", record.ciphertext()),
                TraceValue.open("record plaintext", plaintext));
    }
}
