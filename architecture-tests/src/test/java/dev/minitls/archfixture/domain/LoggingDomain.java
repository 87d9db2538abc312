package dev.minitls.archfixture.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Breaks rule 1: the domain depends on a logging library. */
public final class LoggingDomain {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingDomain.class);

    void step(String name) {
        LOG.debug("step {}", name);
    }
}
