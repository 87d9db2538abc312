package dev.minitls.crypto.bc;

import dev.minitls.domain.port.HashContext;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.util.Memoable;

/** An incremental hash; {@link #digestSoFar()} finishes a copy, so the running hash goes on. Not thread-safe. */
final class BcHash implements HashContext {

    private final Digest digest;

    /** @param digest a fresh SHA-2 digest, which is also {@link Memoable} (every SHA-2 digest of Bouncy Castle is) */
    BcHash(Digest digest) {
        this.digest = digest;
    }

    @Override
    public void update(byte[] data) {
        digest.update(data, 0, data.length);
    }

    @Override
    public byte[] digestSoFar() {
        Digest copy = (Digest) ((Memoable) digest).copy();
        byte[] out = new byte[copy.getDigestSize()];
        copy.doFinal(out, 0);
        return out;
    }
}
