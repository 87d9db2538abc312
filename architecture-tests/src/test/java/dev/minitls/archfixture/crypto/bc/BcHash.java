package dev.minitls.archfixture.crypto.bc;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** Allowed: the Bouncy Castle provider uses Bouncy Castle. */
public final class BcHash {

    int digestSize() {
        return new SHA256Digest().getDigestSize();
    }
}
