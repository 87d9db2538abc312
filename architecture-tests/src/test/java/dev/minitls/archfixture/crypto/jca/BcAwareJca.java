package dev.minitls.archfixture.crypto.jca;

import dev.minitls.archfixture.crypto.bc.BcHash;

/** Breaks rule 4: the jca provider borrows from the bc provider. */
public final class BcAwareJca {

    boolean sameAs(BcHash other) {
        return other != null;
    }
}
