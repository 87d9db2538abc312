package dev.minitls.domain.handshake;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import java.util.Arrays;

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
        byte[] expected = mac(crypto, hash, finishedKey, transcriptHash);
        if (!Bytes.constantTimeEquals(expected, received)) {
            throw new ProtocolException(Failure.BAD_FINISHED,
                    "the " + whose + "'s Finished MAC does not match the transcript");
        }
        return new FinishedVerified();
    }

    /** A Finished MAC of v1 and v2: HMAC-SHA256(finishedKey, transcriptHash). */
    static byte[] mac(CryptoProvider crypto, Secret finishedKey, byte[] transcriptHash) {
        return mac(crypto, HashAlgorithm.SHA256, finishedKey, transcriptHash);
    }

    /** A Finished MAC: HMAC-{@code hash}(finishedKey, transcriptHash); no copy of the key is left behind. */
    static byte[] mac(CryptoProvider crypto, HashAlgorithm hash, Secret finishedKey, byte[] transcriptHash) {
        byte[] key = finishedKey.bytes();
        try {
            return crypto.hmac(hash, key, transcriptHash);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
