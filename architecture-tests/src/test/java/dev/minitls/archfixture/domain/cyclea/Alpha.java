package dev.minitls.archfixture.domain.cyclea;

import dev.minitls.archfixture.domain.cycleb.Beta;

/** Half of a package cycle (rule 6): cyclea needs cycleb. */
public final class Alpha {

    Beta partner() {
        return new Beta();
    }
}
