package dev.minitls.transport.tls13.dissect;

import dev.minitls.domain.port.Aead;
import java.util.Objects;

/**
 * The keys that open one direction's records of one epoch: the AEAD bound to the write key, the write IV, and the
 * name of the secret they come from (shown beside each record they open; never the secret itself).
 */
public record Decryption(Aead aead, byte[] iv, String secretName) {

    public Decryption {
        Objects.requireNonNull(aead, "aead");
        Objects.requireNonNull(secretName, "secretName");
        if (iv.length != Aead.NONCE_LENGTH) {
            throw new IllegalArgumentException("the iv is " + Aead.NONCE_LENGTH + " bytes, not " + iv.length);
        }
        iv = iv.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }
}
