package dev.minitls.archfixture.domain.trace;

/** Keeps rule 8: what observers receive. */
public sealed interface TraceEvent permits HelloSent {

    /** Keeps rule 8 too: which end it happened on. */
    enum Side { CLIENT, SERVER }
}
