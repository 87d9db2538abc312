package dev.minitls.domain.handshake;

import static dev.minitls.domain.trace.TraceValue.open;
import static dev.minitls.domain.trace.TraceValue.text;

import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.Step;

/** A {@link Transcript} that reports each message it takes in, and the hash after it (seed step 6). */
final class TracedTranscript {

    private final Transcript transcript;
    private final Tracer tracer;

    TracedTranscript(CryptoProvider crypto, Tracer tracer) {
        this.transcript = new Transcript(crypto);
        this.tracer = tracer;
    }

    /** Adds one message's exact frame; {@code message} names it in the trace. */
    void add(String message, byte[] frame) {
        transcript.add(frame);
        tracer.step(Step.TRANSCRIPT, "the " + message + " enters the transcript", text("message", message),
                open("transcript", transcript.hash()));
    }

    /** The hash of every message added so far. */
    byte[] hash() {
        return transcript.hash();
    }
}
