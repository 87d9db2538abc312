package dev.minitls.archfixture.crypto.jca;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** Breaks rule 4: the JDK-only provider uses Bouncy Castle directly. */
public final class BcInJca {

    int digestSize() {
        return new SHA256Digest().getDigestSize();
    }
}
