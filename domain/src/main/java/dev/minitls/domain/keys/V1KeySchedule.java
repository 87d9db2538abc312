package dev.minitls.domain.keys;

import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The seed's key derivation (protocol v1, seed step 9 and 15): one HKDF from the X25519 shared secret to
 * {@code derived_key}, then one HKDF per key from {@code derived_key}. Salt is always "none" (32 zero bytes), and
 * neither the randoms nor the transcript take part: only the Finished MACs bind the keys to the handshake.
 */
public final class V1KeySchedule {

    /** Python's {@code HKDF(salt=None)}: HKDF-Extract then uses 32 zero bytes. */
    private static final byte[] NO_SALT = new byte[0];

    private V1KeySchedule() {
    }

    /** Every v1 key, derived from the shared secret. */
    public static V1Keys derive(CryptoProvider crypto, byte[] sharedSecret) {
        byte[] sharedPrk = crypto.hkdfExtract(HashAlgorithm.SHA256, NO_SALT, sharedSecret);
        Secret derivedKey = expand(crypto, sharedPrk, "Handshake Data", 32);
        Arrays.fill(sharedPrk, (byte) 0);
        // Each key is a full HKDF over derived_key; the extract step is the same for all six, so it runs once.
        byte[] derived = derivedKey.bytes();
        byte[] prk = crypto.hkdfExtract(HashAlgorithm.SHA256, NO_SALT, derived);
        Arrays.fill(derived, (byte) 0);
        try {
            return new V1Keys(
                    derivedKey,
                    expand(crypto, prk, "server finished", 32),
                    expand(crypto, prk, "client finished", 32),
                    new TrafficKeys(expand(crypto, prk, "client app key", 32),
                            expand(crypto, prk, "client app iv", 12)),
                    new TrafficKeys(expand(crypto, prk, "server app key", 32),
                            expand(crypto, prk, "server app iv", 12)));
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    private static Secret expand(CryptoProvider crypto, byte[] prk, String info, int length) {
        return Secret.owning(
                crypto.hkdfExpand(HashAlgorithm.SHA256, prk, info.getBytes(StandardCharsets.US_ASCII), length));
    }
}
