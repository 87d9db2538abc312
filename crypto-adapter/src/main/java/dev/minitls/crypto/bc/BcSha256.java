package dev.minitls.crypto.bc;

import dev.minitls.domain.port.HashContext;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** Incremental SHA-256; {@link #digestSoFar()} finishes a copy, so the running hash goes on. Not thread-safe. */
final class BcSha256 implements HashContext {

    private final SHA256Digest digest = new SHA256Digest();

    @Override
    public void update(byte[] data) {
        digest.update(data, 0, data.length);
    }

    @Override
    public byte[] digestSoFar() {
        SHA256Digest copy = new SHA256Digest(digest);
        byte[] out = new byte[copy.getDigestSize()];
        copy.doFinal(out, 0);
        return out;
    }
}
