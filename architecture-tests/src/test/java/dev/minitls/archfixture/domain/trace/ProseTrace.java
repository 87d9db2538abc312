package dev.minitls.archfixture.domain.trace;

/** Breaks rule 8: the domain puts what happened in words itself. */
public final class ProseTrace {

    String describe(String serverName) {
        return "sent ClientHello for " + serverName;
    }
}
