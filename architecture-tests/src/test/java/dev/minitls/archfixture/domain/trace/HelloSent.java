package dev.minitls.archfixture.domain.trace;

/** Keeps rule 8: an event is a value. */
public record HelloSent(byte[] random, String serverName) implements TraceEvent {
}
