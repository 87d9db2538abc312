package dev.minitls.archfixture.domain.cycleb;

import dev.minitls.archfixture.domain.cyclea.Alpha;

/** Other half of a package cycle (rule 6): cycleb needs cyclea. */
public final class Beta {

    boolean pairedWith(Alpha alpha) {
        return alpha != null;
    }
}
