package dev.minitls.domain.handshake;

import java.util.Objects;

/**
 * The transcript hash through the server's Finished, from which the application traffic keys are derived. It can
 * only be had once that Finished is settled: verified by the client ({@link FinishedVerified}) or sent by the server;
 * so the compiler, not a comment, keeps the application keys after the server's Finished.
 */
final class ThroughServerFinished {

    private final byte[] transcriptHash;

    private ThroughServerFinished(Object proof, byte[] transcriptHash) {
        Objects.requireNonNull(proof, "the server's Finished, verified or sent");
        this.transcriptHash = transcriptHash.clone();
    }

    /** On the client: the server's Finished was verified, and {@code transcriptHash} includes it. */
    static ThroughServerFinished verified(FinishedVerified serverFinished, byte[] transcriptHash) {
        return new ThroughServerFinished(serverFinished, transcriptHash);
    }

    /** On the server: its Finished went out, and {@code transcriptHash} includes it. */
    static ThroughServerFinished sent(MessageIo.Sent serverFinished, byte[] transcriptHash) {
        return new ThroughServerFinished(serverFinished, transcriptHash);
    }

    /** On a TLS 1.3 server: its Finished went out as {@code serverFinished}, which {@code transcriptHash} includes. */
    static ThroughServerFinished sentFinished(byte[] serverFinished, byte[] transcriptHash) {
        return new ThroughServerFinished(serverFinished, transcriptHash);
    }

    byte[] transcriptHash() {
        return transcriptHash.clone();
    }
}
