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

    /**
     * Recomputes HMAC-SHA256(finishedKey, transcriptHash) and compares it with {@code received}.
     *
     * @param whose {@code "server"} or {@code "client"}, for the error message
     * @throws ProtocolException with {@code BAD_FINISHED} when they differ
     */
    static FinishedVerified check(CryptoProvider crypto, Secret finishedKey, byte[] transcriptHash, byte[] received,
            String whose) {
        byte[] expected = mac(crypto, finishedKey, transcriptHash);
        if (!Bytes.constantTimeEquals(expected, received)) {
            throw new ProtocolException(Failure.BAD_FINISHED,
                    "the " + whose + "'s Finished MAC does not match the transcript");
        }
        return new FinishedVerified();
    }

    /** A Finished MAC: HMAC-SHA256(finishedKey, transcriptHash); no copy of the key is left behind. */
    static byte[] mac(CryptoProvider crypto, Secret finishedKey, byte[] transcriptHash) {
        byte[] key = finishedKey.bytes();
        try {
            return crypto.hmac(HashAlgorithm.SHA256, key, transcriptHash);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
