package dev.minitls.crypto.jca;

import dev.minitls.domain.port.HashContext;

import java.security.MessageDigest;

/** An incremental SHA-256 whose running digest is read from a clone, so that hashing can go on. Not thread-safe. */
final class JcaSha256 implements HashContext {

    /** Never used, only copied: cheaper than a provider lookup per transcript (see {@link HmacSha256}). */
    private static final MessageDigest PROTOTYPE = Jca.engine("SHA-256", MessageDigest::getInstance);

    private final MessageDigest digest = Jca.copy(PROTOTYPE);

    @Override
    public void update(byte[] data) {
        digest.update(data);
    }

    @Override
    public byte[] digestSoFar() {
        return Jca.copy(digest).digest();
    }
}
