package dev.minitls.domain.handshake;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;

/** Proof that the peer's Finished MAC was checked, in constant time, against our own transcript. */
final class FinishedVerified {

    private FinishedVerified() {
    }

    /** As {@link #check(CryptoProvider, HashAlgorithm, Secret, byte[], byte[], String)} with SHA-256 (v1, v2). */
    static FinishedVerified check(CryptoProvider crypto, Secret finishedKey, byte[] transcriptHash, byte[] received,
            String whose) {
        return check(crypto, HashAlgorithm.SHA256, finishedKey, transcriptHash, received, whose);
    }

    /**
     * Recomputes HMAC-{@code hash}(finishedKey, transcriptHash) and compares it with {@code received}.
     *
     * @param whose {@code "server"} or {@code "client"}, for the error message
     * @throws ProtocolException with {@code BAD_FINISHED} when they differ
     */
    static FinishedVerified check(CryptoProvider crypto, HashAlgorithm hash, Secret finishedKey,
            byte[] transcriptHash, byte[] received, String whose) {
        byte[] expected = crypto.hmac(hash, finishedKey.bytes(), transcriptHash);
        if (!Bytes.constantTimeEquals(expected, received)) {
            throw new ProtocolException(Failure.BAD_FINISHED,
                    "the " + whose + "'s Finished MAC does not match the transcript");
        }
        return new FinishedVerified();
    }
}
