package dev.minitls.domain.record;

import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;

/**
 * One direction's record key: the AEAD under the traffic key, the IV the nonces come from, the record format and
 * how many records the key may protect. {@link RecordSealer} seals under it, {@link RecordOpener} opens.
 */
public abstract sealed class RecordCipher permits RecordSealer, RecordOpener {

    final Aead aead;
    final RecordFormat format;
    final long limit;
    private final byte[] iv;

    RecordCipher(CryptoProvider crypto, TrafficKeys keys, RecordFormat format, long limit) {
        this.aead = crypto.aead(AeadAlgorithm.AES_256_GCM, keys.key().bytes());
        this.iv = keys.iv().bytes();
        this.format = format;
        this.limit = limit;
    }

    /** The nonce of record {@code sequence}, IV XOR sequence number, for traces: it is as secret as the IV. */
    public byte[] nonce(long sequence) {
        return Nonces.forSequence(iv, sequence);
    }
}
