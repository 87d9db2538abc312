package dev.minitls.crypto.jca;

import dev.minitls.domain.port.HashContext;

import java.security.MessageDigest;

/** An incremental SHA-256 whose running digest is read from a clone, so that hashing can go on. Not thread-safe. */
final class JcaSha256 implements HashContext {

    private final MessageDigest digest = Jca.engine("SHA-256", MessageDigest::getInstance);

    @Override
    public void update(byte[] data) {
        digest.update(data);
    }

    @Override
    public byte[] digestSoFar() {
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
        }
    }
}
