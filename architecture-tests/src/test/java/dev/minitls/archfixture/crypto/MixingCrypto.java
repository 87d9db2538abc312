package dev.minitls.archfixture.crypto;

import dev.minitls.archfixture.crypto.bc.BcHash;
import dev.minitls.archfixture.crypto.jca.JdkHash;

/** Breaks rule 4c: crypto code outside the combined provider that uses both providers. */
public final class MixingCrypto {

    public String both() {
        return new BcHash() + " " + new JdkHash().algorithm();
    }
}
