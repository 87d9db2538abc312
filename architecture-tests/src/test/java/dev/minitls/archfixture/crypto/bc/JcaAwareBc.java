package dev.minitls.archfixture.crypto.bc;

import dev.minitls.archfixture.crypto.jca.JdkHash;

/** Breaks rule 4: the bc provider borrows from the jca provider. */
public final class JcaAwareBc {

    String algorithm() {
        return new JdkHash().algorithm();
    }
}
