package dev.minitls.archfixture.crypto.fast;

import dev.minitls.archfixture.crypto.bc.BcHash;
import dev.minitls.archfixture.crypto.jca.JdkHash;

/** Allowed by rule 4c: the combined provider is the one place that uses both providers. */
public final class CombinedProvider {

    public String both() {
        return new BcHash() + " " + new JdkHash().algorithm();
    }
}
