package dev.minitls.domain.handshake;

import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;

/** A {@link Transcript} that reports each message it takes in, and the hash after it (seed step 6). */
final class TracedTranscript {

    private final Transcript transcript;
    private final Tracer tracer;

    TracedTranscript(CryptoProvider crypto, Tracer tracer) {
        this.transcript = new Transcript(crypto);
        this.tracer = tracer;
    }

    /** Adds the exact frame of one message of {@code type}, sent by {@code sender}. */
    void add(MessageType type, Side sender, byte[] frame) {
        transcript.add(frame);
        tracer.tell(new Event.TranscriptUpdated(type, sender, transcript.hash()));
    }

    /** The hash of every message added so far. */
    byte[] hash() {
        return transcript.hash();
    }
}
