package dev.minitls.domain.record;

import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import java.util.Arrays;

/**
 * One direction's record key: the AEAD under the traffic key, the IV the nonces come from, the record format and
 * how many records the key may protect. {@link RecordSealer} seals under it, {@link RecordOpener} opens. It holds
 * its own copies of the key (inside the AEAD) and the IV until {@link #destroy()}.
 */
public abstract sealed class RecordCipher permits RecordSealer, RecordOpener {

    final Aead aead;
    final RecordFormat format;
    final long limit;
    private final byte[] iv;
    private boolean destroyed;

    RecordCipher(CryptoProvider crypto, TrafficKeys keys, RecordFormat format, long limit) {
        byte[] key = keys.key().bytes();
        try {
            this.aead = crypto.aead(AeadAlgorithm.AES_256_GCM, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        this.iv = keys.iv().bytes();
        this.format = format;
        this.limit = limit;
    }

    /** The nonce of record {@code sequence}, IV XOR sequence number, for traces: it is as secret as the IV. */
    public synchronized byte[] nonce(long sequence) {
        if (destroyed) {
            throw new IllegalStateException("this record key was destroyed");
        }
        return Nonces.forSequence(iv, sequence);
    }

    /**
     * Wipes the IV and destroys the AEAD with its key: the key is retired or the session is over. Every later use is
     * an {@link IllegalStateException}; destroying twice does nothing.
     */
    public synchronized void destroy() {
        destroyed = true;
        Arrays.fill(iv, (byte) 0);
        aead.destroy();
    }
}
