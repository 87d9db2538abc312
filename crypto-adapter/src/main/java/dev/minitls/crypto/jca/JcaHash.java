package dev.minitls.crypto.jca;

import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;

/** An incremental hash whose running digest is read from a clone, so that hashing can go on. Not thread-safe. */
final class JcaHash implements HashContext {

    /** Never used, only copied: cheaper than a provider lookup per transcript (see {@link Hmac}). */
    private static final Map<HashAlgorithm, MessageDigest> PROTOTYPES = new EnumMap<>(HashAlgorithm.class);

    static {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            PROTOTYPES.put(algorithm, Jca.engine(algorithm.toString(), MessageDigest::getInstance));
        }
    }

    private final MessageDigest digest;

    JcaHash(HashAlgorithm algorithm) {
        digest = Jca.copy(PROTOTYPES.get(algorithm));
    }

    @Override
    public void update(byte[] data) {
        digest.update(data);
    }

    @Override
    public byte[] digestSoFar() {
        return Jca.copy(digest).digest();
    }
}
